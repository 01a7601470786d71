"""The numbers of a site as data: each report's cells, the whole tidy table and the findings, as CSV and XLSX.

    out/data/reports/<slug>.csv, .xlsx   one report's cells (linked from its page)
    out/data/cells.csv, .xlsx     every report's cells (the tidy table)
    out/data/findings.csv, .xlsx  every finding, in words and with its spec keys

CSV is UTF-8 with a byte-order mark (Excel then shows the Chinese text); counts are written as
whole numbers (9, not 9.0), blanks as empty. Reports are named by their file relative to what was
exported, never by a path on the exporting machine. A file is rewritten only when its content
changed, so an unchanged site keeps its files (and a second export skips them). XLSX files are
written by :mod:`.xlsx` (not pandas + openpyxl: ten times as fast); a table longer than an Excel
sheet (the tidy table of a few thousand reports) is given as CSV only.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..report import FRAME_COLUMNS, frame_from_records
from ..wording import SEVERITY_WORDS, cell_words, plain, rule_explanation, rule_name
from .files import write_atomic
from .xlsx import fits, write_xlsx

DATA_DIR = "data"
CELL_COLUMNS = FRAME_COLUMNS  # the tidy table's columns, as cells_frame gives them
FINDING_COLUMNS = ["file", "agency", "year", "severity", "rule", "finding_zh", "finding_en", "cells_zh", "cells_en",
                   "explanation_zh", "explanation_en", "code", "refs"]


def _number(value):
    """9.0 -> 9 (an int, written without a decimal point); a fraction stays; NA -> None."""
    try:
        value = float(value)
    except (TypeError, ValueError):  # None, pd.NA
        return None
    if value != value:  # NaN
        return None
    return int(value) if value.is_integer() else value


def cells_frame(reports, names: dict[str, str]):
    """The tidy table of ``reports`` with each source shown as ``names[source]`` and counts as whole numbers."""
    import pandas as pd

    records = [rec for r in reports for rec in r.cell_records()]
    frame = frame_from_records(records)
    frame["source"] = frame["source"].map(lambda s: names.get(s, Path(str(s)).name))
    frame["value"] = pd.Series([_number(v) for v in frame["value"].tolist()], dtype=object, index=frame.index)
    return frame


def findings_table(reports, names: dict[str, str]):
    """Every finding of ``reports`` in words, one row each (``FINDING_COLUMNS``)."""
    import pandas as pd

    rows = []
    for r in reports:
        for f in r.findings:
            row = {"file": names.get(r.source, Path(str(r.source)).name), "agency": r.agency, "year": r.year,
                   "severity": SEVERITY_WORDS.get(f.severity, (f.severity,))[0] + f" / {f.severity}",
                   "rule": f"{rule_name(f.code, 'zh')} / {rule_name(f.code, 'en')}",
                   "finding_zh": plain(f.message_zh, r.template, "zh"),
                   "finding_en": plain(f.message_en, r.template, "en"),
                   "cells_zh": "；".join(cell_words(ref, r.template, "zh") for ref in f.refs),
                   "cells_en": "; ".join(cell_words(ref, r.template, "en") for ref in f.refs),
                   "explanation_zh": rule_explanation(f.code, "zh"),
                   "explanation_en": rule_explanation(f.code, "en", english=f.rule),
                   "code": f.code, "refs": ", ".join(f.refs)}
            rows.append(row)
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _write_pair(frame, out: Path, stem: str, sheet: str = "cells") -> list[str]:
    """``stem``.csv and ``stem``.xlsx under out/data, each only when its content changed; their site paths.

    No XLSX (and an earlier one removed) when the table is longer than an Excel sheet.
    """
    csv_path = out / DATA_DIR / f"{stem}.csv"
    xlsx_path = out / DATA_DIR / f"{stem}.xlsx"
    text = frame.to_csv(index=False)
    data = ("\ufeff" + text).encode("utf-8")
    changed = not csv_path.is_file() or csv_path.read_bytes() != data
    if changed:
        write_atomic(csv_path, data)
    if not fits(frame):
        xlsx_path.unlink(missing_ok=True)
        return [f"{DATA_DIR}/{stem}.csv"]
    if changed or not xlsx_path.is_file():  # the XLSX is made from the same table: rewritten with its CSV
        tmp = xlsx_path.with_name(f".{xlsx_path.name}.tmp.xlsx")
        write_xlsx(frame, tmp, sheet)
        tmp.replace(xlsx_path)
    return [f"{DATA_DIR}/{stem}.csv", f"{DATA_DIR}/{stem}.xlsx"]


def write_report_data(out: Path, report, slug: str, names: dict[str, str]) -> list[str]:
    """One report's cells as data/reports/<slug>.csv and .xlsx; returns their paths in the site."""
    return _write_pair(cells_frame([report], names), Path(out), f"reports/{slug}")


def _put_if_changed(tmp: Path, path: Path) -> bool:
    """Move ``tmp`` to ``path`` when their bytes differ (else drop it); whether ``path`` changed."""
    import filecmp
    import os

    changed = not path.is_file() or not filecmp.cmp(tmp, path, shallow=False)
    if changed:
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    else:
        tmp.unlink()
    return changed


class SiteData:
    """data/cells.* and data/findings.* written as the reports go by, one report at a time: memory does
    not grow with the site (the rows go to temporary files in out/data, put in place at :meth:`finish`).

    cells.csv is the reports' own CSVs (:func:`write_report_data`) one after another (the same bytes
    as the tidy table of all reports written at once); findings.csv is :func:`findings_table` of all
    reports. Each file is replaced only when its bytes changed; an XLSX is made only when its table
    fits an Excel sheet, and again only when its CSV changed or it is missing.
    """

    def __init__(self, out: Path, names: dict[str, str]):
        import tempfile

        from .xlsx import SheetWriter

        self.out, self.names = Path(out), names
        self.folder = self.out / DATA_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        self._tmp = {stem: Path(tempfile.mkstemp(dir=self.folder, prefix=f".{stem}.csv.", suffix=".tmp")[1])
                     for stem in ("cells", "findings")}
        self._csv = {stem: open(path, "wb") for stem, path in self._tmp.items()}
        self._csv["findings"].write(("\ufeff" + findings_table([], names).to_csv(index=False)).encode("utf-8"))
        self._sheets = {"cells": SheetWriter(CELL_COLUMNS, self.folder),
                        "findings": SheetWriter(FINDING_COLUMNS, self.folder)}
        self.reports = 0

    def add(self, report, report_csv: str) -> None:
        """Add ``report``, whose own CSV is at ``report_csv`` (a path in the site)."""
        with open(self.out / report_csv, "rb") as f:
            header = f.readline()  # its BOM and header: the joined file's own, once
            if not self.reports:
                self._csv["cells"].write(header)
            shutil.copyfileobj(f, self._csv["cells"])
        if self._sheets["cells"].fits:
            self._sheets["cells"].add(cells_frame([report], self.names))
        else:
            self._sheets["cells"].rows += len(report.cells)
        found = findings_table([report], self.names)
        self._csv["findings"].write(found.to_csv(index=False, header=False).encode("utf-8"))
        self._sheets["findings"].add(found)
        self.reports += 1

    def finish(self) -> dict[str, list[str]]:
        """Put the files in place; {"cells": [site paths], "findings": [...]} (empty when no report was added)."""
        for f in self._csv.values():
            f.close()
        if not self.reports:
            self.discard()
            return {}
        written = {}
        for stem, sheet in self._sheets.items():
            changed = _put_if_changed(self._tmp[stem], self.folder / f"{stem}.csv")
            xlsx_path = self.folder / f"{stem}.xlsx"
            written[stem] = [f"{DATA_DIR}/{stem}.csv"]
            if not sheet.fits:
                sheet.discard()
                xlsx_path.unlink(missing_ok=True)
                continue
            if changed or not xlsx_path.is_file():
                tmp = xlsx_path.with_name(f".{xlsx_path.name}.tmp.xlsx")
                sheet.close(tmp, stem)
                tmp.replace(xlsx_path)
            else:
                sheet.discard()
            written[stem].append(f"{DATA_DIR}/{stem}.xlsx")
        return written

    def discard(self) -> None:
        """Leave the site's data files as they were (an interrupted export)."""
        for f in self._csv.values():
            f.close()
        for sheet in self._sheets.values():
            sheet.discard()
        for path in self._tmp.values():
            path.unlink(missing_ok=True)
        if not self.reports:
            try:
                self.folder.rmdir()  # made for the temporary files only: no data, no folder
            except OSError:
                pass


def write_site_data(out: Path, reports, names: dict[str, str], report_csvs: list[str]) -> dict[str, list[str]]:
    """Every report's cells and every finding, as CSV and XLSX; returns {"cells": [...], "findings": [...]}.

    ``report_csvs``: the site paths of ``reports``' own CSVs (:func:`write_report_data`), in the same
    order. :class:`SiteData` fed with each report in turn (an export streams them instead).
    """
    site = SiteData(out, names)
    try:
        for report, csv in zip(reports, report_csvs):
            site.add(report, csv)
    except BaseException:
        site.discard()
        raise
    return site.finish()
