"""What ``gikkit check --reviews FILE [--open-only]`` needs: each finding's status, dismissed ones set aside."""
from __future__ import annotations

import sys

from .decisions import review


def for_check(reports, reviews=None, open_only: bool = False):
    """``(frame, statuses, stale)`` for the checked ``reports``.

    ``frame``: the findings frame with key, fingerprint and status columns (only the open findings
    with ``open_only``); ``statuses``: ``id(finding) -> status`` for printing; ``stale``: decisions
    whose finding is gone. With ``open_only`` each report's ``findings`` keeps only its open ones, so
    the per-report counts and the summary count what is still open.
    """
    result = review(reports, reviews)
    flags = iter(zip(result.frame["status"], result.frame["open"]))
    statuses = {}
    for r in reports:
        kept = []
        for f in r.findings:
            status, is_open = next(flags)
            statuses[id(f)] = status
            if is_open or not open_only:
                kept.append(f)
        r.findings = kept
    frame = result.frame
    if open_only:
        frame = frame[frame["open"]].reset_index(drop=True)
    return frame, statuses, result.stale


def print_stale(stale, out=sys.stdout) -> None:
    """List decisions whose finding no longer exists: never dropped silently."""
    if not stale:
        return
    print(f"\n{len(stale)} decision(s) in the reviews file match no finding any more (stale; "
          f"remove them from the file once checked):", file=out)
    for d in stale:
        print(f"  {d.agency} {d.year} {d.code} [{d.refs}] {d.decision} by {d.reviewer or '?'} "
              f"({d.decided_at}): {d.note}", file=out)
