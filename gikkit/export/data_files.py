"""The numbers of a site as data: each report's cells, the whole tidy table and the findings, as CSV and XLSX.

    out/data/reports/<slug>.csv, .xlsx   one report's cells (linked from its page)
    out/data/cells.csv, .xlsx     every report's cells (the tidy table)
    out/data/findings.csv, .xlsx  every finding, in words and with its spec keys

CSV is UTF-8 with a byte-order mark (Excel then shows the Chinese text); counts are written as
whole numbers (9, not 9.0), blanks as empty. Reports are named by their file relative to what was
exported, never by a path on the exporting machine. A file is rewritten only when its content
changed, so an unchanged site keeps its files (and a second export skips them).
"""
from __future__ import annotations

from pathlib import Path

from ..dataset import write_frame
from ..report import frame_from_records
from ..wording import SEVERITY_WORDS, cell_words, plain, rule_explanation, rule_name
from .files import write_atomic

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


def _write_pair(frame, out: Path, stem: str) -> list[str]:
    """``stem``.csv and ``stem``.xlsx under out/data, each only when its content changed; their site paths."""
    csv_path = out / DATA_DIR / f"{stem}.csv"
    xlsx_path = out / DATA_DIR / f"{stem}.xlsx"
    text = frame.to_csv(index=False)
    data = ("\ufeff" + text).encode("utf-8")
    changed = not csv_path.is_file() or csv_path.read_bytes() != data
    if changed:
        write_atomic(csv_path, data)
    if changed or not xlsx_path.is_file():  # an xlsx holds its write time: rewrite it only with its CSV
        tmp = xlsx_path.with_name(f".{xlsx_path.name}.tmp.xlsx")
        write_frame(frame, tmp, "xlsx")
        tmp.replace(xlsx_path)
    return [f"{DATA_DIR}/{stem}.csv", f"{DATA_DIR}/{stem}.xlsx"]


def write_report_data(out: Path, report, slug: str, names: dict[str, str]) -> list[str]:
    """One report's cells as data/reports/<slug>.csv and .xlsx; returns their paths in the site."""
    return _write_pair(cells_frame([report], names), Path(out), f"reports/{slug}")


def write_site_data(out: Path, reports, names: dict[str, str]) -> dict[str, list[str]]:
    """Every report's cells and every finding, as CSV and XLSX; returns {"cells": [...], "findings": [...]}."""
    out = Path(out)
    return {"cells": _write_pair(cells_frame(reports, names), out, "cells"),
            "findings": _write_pair(findings_table(reports, names), out, "findings")}
