"""Decisions on findings, kept in a plain CSV beside the data (``reviews.csv``).

One row per decided finding: its key and fingerprint (:mod:`gikkit.review.fingerprints`), the
agency, year, rule code and cells for a person reading the file, the decision (``confirmed``: a
real problem the agency must correct; ``dismissed``: not a problem), a note, who decided and
when. The file is UTF-8 with a byte-order mark (Excel shows the Chinese) and its rows are sorted,
so a diff shows only what changed.

Applied to a run, each finding gets a status:

- ``new``: nobody has decided on it;
- ``confirmed`` / ``dismissed``: decided, and its figures are as they were when decided;
- ``reopened``: decided, but a figure it rests on has changed since, so it needs looking at again.

A finding is *open* unless it is dismissed (a confirmed finding still waits for the agency's
correction). A decision whose finding no longer exists in a report that was read is *stale*: it
is listed, and stays in the file until someone removes it.
"""
from __future__ import annotations

import csv
import os
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

from ..errors import GikkitError
from .fingerprints import fingerprint_frame

DECISIONS = ("confirmed", "dismissed")
STATUSES = ("new", "reopened", "confirmed", "dismissed")
REVIEW_COLUMNS = ["status", "open", "decision", "note", "reviewer", "decided_at"]


class ReviewsFileError(GikkitError):
    """A reviews file that cannot be read or has not the expected columns."""


@dataclass
class Decision:
    key: str
    fingerprint: str
    agency: str
    year: str
    code: str
    refs: str
    decision: str
    note: str = ""
    reviewer: str = ""
    decided_at: str = ""
    message: str = ""


COLUMNS = [f.name for f in fields(Decision)]
_REQUIRED = {"key", "fingerprint", "decision"}


def load(path) -> dict[str, Decision]:
    """The decisions in ``path`` by key; none when the file does not exist."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
            header = set(rows[0]) if rows else _REQUIRED
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ReviewsFileError(path, f"cannot read the reviews file: {e}") from e
    if not _REQUIRED <= header:
        raise ReviewsFileError(path, f"not a reviews file: columns {', '.join(sorted(_REQUIRED - header))} missing")
    out = {}
    for n, row in enumerate(rows, start=2):
        if row["decision"] not in DECISIONS:
            raise ReviewsFileError(path, f"line {n}: decision {row['decision']!r} is not one of {', '.join(DECISIONS)}")
        out[row["key"]] = Decision(**{c: (row.get(c) or "") for c in COLUMNS})
    return out


def save(path, decisions: dict[str, Decision]) -> None:
    """Write ``decisions`` to ``path`` sorted by agency, year, code and key; replaced in one step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(decisions.values(), key=lambda d: (d.agency, d.year, d.code, d.refs, d.key))
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(d) for d in ordered)
    os.replace(tmp, path)  # a crash mid-write never leaves half a file


def decide(path, finding, decision: str, note: str = "", reviewer: str = "", when: str | None = None) -> Decision | None:
    """Record ``decision`` on ``finding`` (a row of :func:`review`'s frame, or a dict with its columns) in ``path``.

    ``decision`` is ``confirmed`` or ``dismissed``; ``open`` removes the decision, so the finding is
    new again. Returns the decision written (``None`` for ``open``).
    """
    if decision not in DECISIONS + ("open",):
        raise ValueError(f"decision must be one of {', '.join(DECISIONS + ('open',))}, not {decision!r}")
    decisions = load(path)
    if decision == "open":
        decisions.pop(finding["key"], None)
        save(path, decisions)
        return None
    year = finding["year"]
    made = Decision(key=finding["key"], fingerprint=finding["fingerprint"], agency=finding["agency"] or "",
                    year="" if year is None or year != year else str(int(year)), code=finding["code"],
                    refs=finding["refs"] or "", decision=decision, note=note.strip(), reviewer=reviewer.strip(),
                    decided_at=when or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
                    message=finding.get("message_zh") or "")
    decisions[made.key] = made
    save(path, decisions)
    return made


def status_of(row_fingerprint: str, decision: Decision | None) -> str:
    if decision is None:
        return "new"
    return decision.decision if decision.fingerprint == row_fingerprint else "reopened"


@dataclass
class Review:
    """Every finding of a run with its status (``frame``), and the stale decisions (``stale``)."""

    frame: object  # pandas.DataFrame: the findings frame + key, fingerprint + REVIEW_COLUMNS
    stale: list[Decision]

    def open_errors(self) -> int:
        f = self.frame
        return int(((f["severity"] == "error") & f["open"]).sum()) if len(f) else 0


def with_decisions(frame, decisions: dict[str, Decision]) -> None:
    """Add to a frame of findings (``key``, ``fingerprint``) each one's status and decision, in place."""
    chosen = [decisions.get(k) for k in frame["key"]]
    frame["status"] = [status_of(fp, d) for fp, d in zip(frame["fingerprint"], chosen)]
    frame["open"] = frame["status"] != "dismissed"
    frame["decision"] = [d.decision if d else "" for d in chosen]
    for column in ("note", "reviewer", "decided_at"):
        frame[column] = [getattr(d, column) if d else "" for d in chosen]


def review(reports, decisions=None) -> Review:
    """Apply ``decisions`` (a path to a reviews file, or what :func:`load` returns) to the findings of ``reports``.

    The reports' findings must be current (``gikkit.read`` or ``gikkit.checks.check`` made them).
    """
    from ..checks import as_reports

    reports = as_reports(reports)
    if decisions is None:
        decisions = {}
    elif not isinstance(decisions, dict):
        decisions = load(decisions)
    frame = fingerprint_frame(reports)
    with_decisions(frame, decisions)
    # Stale: decided on a report that was read this time, but that report no longer has the finding.
    # Decisions on reports not read in this run are neither applied nor stale: they wait in the file.
    read = {(r.agency or "", "" if r.year is None else str(r.year)) for r in reports}
    present = set(frame["key"])
    stale = [d for d in decisions.values() if d.key not in present and (d.agency, d.year) in read]
    return Review(frame, sorted(stale, key=lambda d: (d.agency, d.year, d.code, d.key)))
