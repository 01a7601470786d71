"""``gikkit parse``: read report files and print what was found."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import GikkitError


def add_parser(sub):
    p = sub.add_parser("parse", help="read report files (HTML, DOCX, PDF, text) and print their data",
                       description="Read report files and print one summary, or one JSON object per line with --json.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="print one JSON object per report, one per line")
    return p


def expand(paths: list[str]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def summary(report) -> str:
    counts = report.findings_by_severity()
    filled = sum(v is not None for v in report.cells.values())
    return (f"{report.source}: {report.agency or '?'} {report.year or '?'} ({report.template}, {report.format}); "
            f"{filled}/{len(report.cells)} cells; findings: {counts['error']} error, "
            f"{counts['warning']} warning, {counts['info']} info")


def run(args) -> int:
    from .. import read

    failed: list[tuple[str, str]] = []
    for path in expand(args.paths):
        try:
            report = read(path)
        except GikkitError as e:
            print(f"gikkit: {e}", file=sys.stderr)
            failed.append((str(path), e.problem))
            continue
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            print(summary(report))
    if failed:
        print(f"gikkit: {len(failed)} file(s) could not be read:", file=sys.stderr)
        for path, problem in failed:
            print(f"  {path}: {problem}", file=sys.stderr)
        return 1
    return 0
