"""``gikkit check --csv/--json``: the findings table written a report's rows at a time.

The rows go to temporary files as they come (memory: one report's rows) and are copied to their
place at the end, where ``gikkit check`` always wrote them (after the per-report listing and the
summary, CSV before JSON when both go to standard output). The text is what writing the whole
frame at once gives: the same pandas CSV, the same ``json.dump(..., indent=1)``.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile


class FindingsFiles:
    """Collect findings frames (one per report) for ``csv`` and ``json`` destinations ('-': standard output)."""

    def __init__(self, csv: str | None, json_out: str | None):
        self.targets = [(where, kind) for where, kind in ((csv, "csv"), (json_out, "json")) if where]
        self.parts = {kind: tempfile.TemporaryFile("w+", encoding="utf-8", newline="") for _, kind in self.targets}
        self.rows = 0

    def add(self, frame) -> None:
        """Write ``frame``'s rows (a report's findings, with the columns of the whole table)."""
        if not len(frame):
            return
        first = self.rows == 0
        if "csv" in self.parts:
            frame.to_csv(self.parts["csv"], index=False, header=first)
        if "json" in self.parts:
            out = self.parts["json"]
            records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
            for n, record in enumerate(records):
                text = json.dumps(record, ensure_ascii=False, indent=1, default=str)
                out.write(("[\n " if first and n == 0 else ",\n ") + text.replace("\n", "\n "))
        self.rows += len(frame)

    def finish(self, empty) -> None:
        """Copy each table to its place; ``empty``: the frame with no rows (its header, when none came)."""
        for where, kind in self.targets:
            part = self.parts[kind]
            if self.rows == 0:
                if kind == "csv":
                    empty.to_csv(part, index=False)
                else:
                    part.write("[]")
            elif kind == "json":
                part.write("\n]")
            if kind == "json":
                part.write("\n")
            part.seek(0)
            stream = sys.stdout if where == "-" else open(where, "w", encoding="utf-8", newline="")
            try:
                shutil.copyfileobj(part, stream)
            finally:
                if stream is not sys.stdout:
                    stream.close()
                part.close()
