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

from pathlib import Path

from ..report import frame_from_records
from ..wording import SEVERITY_WORDS, cell_words, plain, rule_explanation, rule_name
from .files import write_atomic
from .xlsx import MAX_ROWS, fits, write_xlsx

DATA_DIR = "data"
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


def _joined_csv(out: Path, stem: str, header: str, parts: list[str]) -> tuple[str, bool]:
    """out/data/``stem``.csv made of ``parts`` (CSV files of the site, each with the same ``header`` line)
    one after another, streamed through a temporary file (memory does not grow with the site) and put
    in place only when its bytes changed. Returns its site path and whether it changed."""
    import filecmp
    import os
    import shutil
    import tempfile

    path = out / DATA_DIR / f"{stem}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as joined:
            joined.write(("\ufeff" + header).encode("utf-8"))
            for part in parts:
                with open(out / part, "rb") as f:
                    f.readline()  # its BOM and header
                    shutil.copyfileobj(f, joined)
        changed = not path.is_file() or not filecmp.cmp(tmp, path, shallow=False)
        if changed:
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return f"{DATA_DIR}/{stem}.csv", changed


def write_site_data(out: Path, reports, names: dict[str, str], report_csvs: list[str]) -> dict[str, list[str]]:
    """Every report's cells and every finding, as CSV and XLSX; returns {"cells": [...], "findings": [...]}.

    ``report_csvs``: the site paths of ``reports``' own CSVs (:func:`write_report_data`), in the same
    order: cells.csv is those files one after another (the same bytes as the tidy table of all
    reports written at once). The XLSX is made only when the table fits an Excel sheet.
    """
    out = Path(out)
    header = cells_frame(reports[:1], names).iloc[:0].to_csv(index=False)
    cells_csv, changed = _joined_csv(out, "cells", header, report_csvs)
    cells = [cells_csv]
    xlsx_path = out / DATA_DIR / "cells.xlsx"
    if sum(len(r.cells) for r in reports) + 1 > MAX_ROWS:
        xlsx_path.unlink(missing_ok=True)
    else:
        if changed or not xlsx_path.is_file():
            tmp = xlsx_path.with_name(f".{xlsx_path.name}.tmp.xlsx")
            write_xlsx(cells_frame(reports, names), tmp, "cells")
            tmp.replace(xlsx_path)
        cells.append(f"{DATA_DIR}/cells.xlsx")
    return {"cells": cells, "findings": _write_pair(findings_table(reports, names), out, "findings", "findings")}
