"""The seed's figures (a 2019-format report) laid out as the official template prints them, with
merged cells, then saved as a Word file and as a web page: both read back to the seed's cells.

The layout is built from the spec's labels; the figures are the seed's own cell text (so "+1" and
"998.435698万元" keep their printed form); the prose is the seed's own paragraphs.
"""
from __future__ import annotations

import html
import json

import docx
import pytest

import gikkit
from gikkit import schema
from gikkit.document import Table
from gikkit.readers import read_document
from number_accounting import accounted_numbers, printed_numbers
from fixture_paths import SEED_DIR

SEED = SEED_DIR / "000_c2619695b87ce2e6.txt"
WANT = json.loads(SEED.with_name("000_c2619695b87ce2e6.expected.json").read_text("utf-8"))
T2_WIDTH = 4  # 信息内容 + up to three value columns


def seed_raw() -> dict[str, str]:
    return {ref: (info["raw"] or "").replace("[bookmark: _GoBack]", "")
            for ref, info in gikkit.read(SEED).cell_info.items()}


def t2_rows(tmpl, raw):
    rows = []
    for key, block in tmpl.t2_blocks.items():
        cols = block["columns"]
        pad = T2_WIDTH - 1 - len(cols)  # the last column spans what the block does not use
        rows.append([(block["label_zh"], 1, T2_WIDTH)])
        rows.append([("信息内容", 1, 1)] + [(c["label_zh"], 1, 1 + (pad if i == len(cols) - 1 else 0)) for i, c in enumerate(cols)])
        for row in block["rows"]:
            values = [raw[f"t2.{key}.{row['key']}.{c['key']}"] for c in cols]
            rows.append([(row["label_zh"], 1, 1)] + [(v, 1, 1 + (pad if i == len(cols) - 1 else 0)) for i, v in enumerate(values)])
    return rows


def t3_rows(tmpl, raw):
    spec = tmpl.tables["t3"]
    columns = tmpl.t3_columns()
    orgs = [c for c in columns if c.get("group")]
    rows = [[(spec["header_note_zh"], 3, 3), ("申请人情况", 1, len(columns))],
            [(columns[0]["label_zh"], 2, 1), ("法人或其他组织", 1, len(orgs)), (columns[-1]["label_zh"], 2, 1)],
            [(c["label_zh"], 1, 1) for c in orgs]]
    all_rows = tmpl.t3_rows()
    children = {r["key"]: [c for c in all_rows if c.get("parent") == r["key"]] for r in all_rows}
    data_under = lambda key: sum(len(children[c["key"]]) or 1 for c in children[key])  # noqa: E731
    for top in (r for r in all_rows if r.get("parent") is None):
        values = lambda key: [(raw[f"t3.{key}.{c['key']}"], 1, 1) for c in columns]  # noqa: E731
        if top["is_data"]:
            rows.append([(top["label_zh"], 1, 3)] + values(top["key"]))
            continue
        lead = [(top["label_zh"], data_under(top["key"]), 1)]
        for mid in children[top["key"]]:
            if mid["is_data"]:
                rows.append(lead + [(mid["label_zh"], 1, 2)] + values(mid["key"]))
                lead = []
                continue
            group = [(mid["label_zh"], len(children[mid["key"]]), 1)]
            for sub in children[mid["key"]]:
                rows.append(lead + group + [(sub["label_zh"], 1, 1)] + values(sub["key"]))
                lead, group = [], []
    return rows


def t4_rows(tmpl, raw):
    spec = tmpl.tables["t4"]
    cols = [c["label_zh"] for c in spec["columns"]]
    review, direct, after = (r["label_zh"] for r in spec["rows"])
    return [[(review, 1, 5), (spec["row_groups"][0]["label_zh"], 1, 10)],
            [(c, 2, 1) for c in cols] + [(direct, 1, 5), (after, 1, 5)],
            [(c, 1, 1) for c in cols * 2],
            [(raw[ref], 1, 1) for ref in tmpl.t4_order()]]


def layouts():
    tmpl, raw = schema.template(WANT["template"]), seed_raw()
    return [t2_rows(tmpl, raw), t3_rows(tmpl, raw), t4_rows(tmpl, raw)]


def blocks():
    """The seed's paragraphs in order, its three tables replaced by the official layouts."""
    tables = iter(layouts())
    return [next(tables) if isinstance(b, Table) else b.text for b in read_document(SEED).blocks]


def as_html(path, blank="&nbsp;"):
    parts = ["<html><head><meta charset='utf-8'><title>网站</title></head><body><div class='nav'>首页 | 信息公开</div>"
             "<div class='article'>"]
    for b in blocks():
        if isinstance(b, str):
            parts.append(f"<p>{html.escape(b)}</p>")
            continue
        parts.append("<table border='1'>")
        for row in b:
            tds = "".join(f"<td rowspan='{rs}' colspan='{cs}'><p><span>{html.escape(t) if t else blank}</span></p></td>"
                          for t, rs, cs in row)
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append("</div><div class='footer'>主办单位：某某</div></body></html>")
    path.write_text("".join(parts), "utf-8")
    return path


def as_docx(path):
    document = docx.Document()
    for b in blocks():
        if isinstance(b, str):
            document.add_paragraph(b)
            continue
        width = sum(cs for _, _, cs in b[0])
        table = document.add_table(rows=len(b), cols=width)
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(b):
            c = 0
            for text, rs, cs in row:
                while (r, c) in covered:
                    c += 1
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                cell.text = text or "\u3000"  # Word users keep an empty cell open with a full-width space
                covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
                c += cs
    document.save(str(path))
    return path


def check(path, fmt):
    report = gikkit.read(path)
    assert report.format == fmt
    assert report.cells == WANT["cells"]
    assert (report.agency, report.year, report.template) == (WANT["agency"], WANT["year"], WANT["template"])
    assert printed_numbers(path) == accounted_numbers(report)
    assert not [f for f in report.findings if f.code in ("missing_table", "stray_row", "extra_row", "short_row")]
    return report


def test_seed_as_a_word_file_with_merged_cells(tmp_path):
    check(as_docx(tmp_path / "seed.docx"), "docx")


@pytest.mark.parametrize("blank", ["&nbsp;", "", "<o:p></o:p>", "　"])
def test_seed_as_a_web_page_with_merged_cells(tmp_path, blank):
    check(as_html(tmp_path / "seed.html", blank), "html")


def test_seed_word_file_saved_as_text_with_tabs(tmp_path):
    """Word's "save as text" of the page layout (Tika-style: a cell per tab line, rows apart)."""
    lines = []
    for b in blocks():
        if isinstance(b, str):
            lines.append(b)
            continue
        for row in b:
            lines += [f"\t{t}" for t, _, _ in row] + [""]
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(lines), "utf-8")
    check(path, "word-text")
