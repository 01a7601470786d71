"""Split a report's prose into its six sections by their headings (一、总体情况 ... 六、其他需要报告的事项).

Headings vary in wording ("五、存在问题及改进情况"), so a line counts as a heading when it starts
with the section's numeral and the rest is close to the spec's label, and closer to it than to any
other section's; sections must come in order, which keeps "一、加强组织领导" inside section 五 from
being taken for a heading. An annex ("附件：" and then "一、主动公开政府信息情况" over 表二, ...)
belongs to no section: its headings number the tables, not the report's parts.
"""
from __future__ import annotations

import re

from .labels import core, similarity
from .schema import Template

_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*(.{2,40})$")
_NUMERALS = "一二三四五六"
MIN_HEADING_SIMILARITY = 0.5
_ANNEX = re.compile(r"^[(（]?(?:附件|附表)[一二三四1-9]?[)）]?(?:[:：.．、]\S{0,30})?$")
PREAMBLE_MAX_PARAGRAPHS = 40
_WHITESPACE = re.compile(r"\s+")


def heading_section(line: str, template: Template) -> dict | None:
    """The spec section whose heading ``line`` is, or ``None``."""
    m = _HEADING.match(line.strip())
    if not m:
        return None
    order = _NUMERALS.index(m.group(1)) + 1
    section = template.sections[order - 1]
    rest = core(m.group(2))
    label = core(section["label_zh"])
    if rest == label or label in rest:
        return section
    score = similarity(rest, label)
    # "三、政府信息公开行政复议、行政诉讼情况" (an annex's third table) is section 四's wording, not 三's
    if score >= MIN_HEADING_SIMILARITY and all(similarity(rest, core(s["label_zh"])) <= score for s in template.sections):
        return section
    return None


def is_annex_heading(line: str) -> bool:
    """"附件：", "附件1", "附表：政府信息公开工作情况统计表": the report's own parts end here."""
    if "附" not in line:  # most lines: neither 附件 nor 附表, so no need to take out their spaces first
        return False
    return bool(_ANNEX.match(_WHITESPACE.sub("", line)))


def split_sections(paragraphs: list[str], template: Template) -> tuple[dict[str, str], list[str]]:
    """``({section_key: text}, [keys of sections seen, in the order seen])``.

    Every section key of the template is present; a section not found has the text "".
    Text before the first heading (title, preamble) belongs to no section.
    """
    texts: dict[str, list[str]] = {s["key"]: [] for s in template.sections}
    seen: list[str] = []
    current: str | None = None
    current_order = 0
    for p in paragraphs:
        first_line = p.strip().split("\n", 1)[0]
        if current and is_annex_heading(first_line):
            break  # the annex's tables and their numbered headings are no part of a section
        section = heading_section(first_line, template)
        if section and section["order"] > current_order:
            current, current_order = section["key"], section["order"]
            seen.append(current)
            rest = p.strip().split("\n", 1)[1:]  # a heading and its text in one block
            texts[current].extend(rest)
            continue
        if current:
            texts[current].append(p.strip())
    return {k: "\n".join(t for t in v if t).strip() for k, v in texts.items()}, seen


def preamble_text(paragraphs: list[str], template: Template) -> str:
    """The paragraphs before the first section heading: title, basis, statistics period."""
    out = []
    for p in paragraphs[:PREAMBLE_MAX_PARAGRAPHS]:
        if heading_section(p.strip().split("\n", 1)[0], template):
            break
        out.append(p.strip())
    return "\n".join(x for x in out if x)
