"""Make the demo reports in data/: five made-up agencies, 2019-2024, both templates, four formats.

    python scripts/make_demo_data.py            # (re)write data/<agency>-<year>.<ext>
    python scripts/make_demo_data.py --check    # and read every file back with gikkit, compare

Every figure is invented (seeded, so the output is the same on every run). The figures obey the
template's identities, and carry over from year to year (上年结转 = last year's 结转下年度,
表二 counts roll forward), except for the deliberate flaws listed in FLAWS, which the checks,
the audit notebook and the teaching notebook are there to find.
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from demo_layout import t2_grid, t3_grid, t4_grid
from demo_writers import WRITERS, DemoDoc

from gikkit.schema import template, template_for_year

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2019, 2025)
SEED = 20240101


@dataclass(frozen=True)
class Agency:
    name: str
    slug: str
    scale: int  # requests a year, roughly
    formats: dict  # template key -> file extension
    makes_rules: bool = False  # only governments with rule-making power make 规章


AGENCIES = (
    Agency("江临市人民政府", "jianglin-city", 1500, {"v2019": "html", "v2021": "html"}, makes_rules=True),
    Agency("江临市教育局", "jianglin-education", 80, {"v2019": "txt", "v2021": "docx"}),
    Agency("江临市生态环境局", "jianglin-environment", 150, {"v2019": "pdf", "v2021": "pdf"}),
    Agency("江临市江北区人民政府", "jiangbei-district", 320, {"v2019": "html", "v2021": "txt"}),
    Agency("江临市江北区东湖街道办事处", "donghu-subdistrict", 8, {"v2019": "txt", "v2021": "html"}),
)

# The deliberate flaws: (slug, year) -> what is wrong. Documented in data/README.md.
FLAWS = {
    ("jianglin-education", 2022): "总计 typo: 表三（七）总计 of the 总计 column printed 10 higher than the outcomes add up to",
    ("donghu-subdistrict", 2020): "blank cells: four cells of 表三/表二 left empty",
    ("jiangbei-district", 2019): "placeholder: 表二 行政事业性收费 本年增/减 printed as “—”",
    ("jianglin-environment", 2023): "carry-over break: 上年结转 (自然人) is 3 more than the 2022 report carried forward",
}
BLANK_REFS = ("t3.outcome_total.social_welfare_org", "t3.carried_forward_to_next.social_welfare_org",
              "t3.new_received.research_institution", "t2.art20_9.government_centralized_procurement.procurement_total_amount")

APPLICANT_SHARES = {"natural_person": 0.86, "commercial_enterprise": 0.07, "research_institution": 0.005,
                    "social_welfare_org": 0.005, "legal_service_org": 0.03, "other_org": 0.03}
OUTCOME_WEIGHTS = {  # share of concluded requests per outcome row (v2021 rows; v2019 folds 其他处理)
    "granted": 42, "partially_granted": 14, "withheld_state_secret": 0.3, "withheld_prohibited_by_law": 1,
    "withheld_security_stability": 0.3, "withheld_third_party_rights": 0.6, "withheld_internal_affairs": 1,
    "withheld_process_info": 1.5, "withheld_enforcement_case_file": 0.3, "withheld_admin_inquiry": 2,
    "unavailable_not_held": 20, "unavailable_needs_creation": 3, "unavailable_unclear_after_correction": 2,
    "not_processed_petition": 3, "not_processed_duplicate": 2, "not_processed_publication": 0.3,
    "not_processed_excessive": 0.2, "not_processed_confirm_reissue": 0.5,
    "other_no_correction": 2.5, "other_fee_unpaid": 0.2, "other_misc": 2.5,
}
V2021_OTHER = ("other_no_correction", "other_fee_unpaid", "other_misc")


def _split(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    counts = dict.fromkeys(weights, 0)
    for key in rng.choices(list(weights), weights=list(weights.values()), k=n):
        counts[key] += 1
    return counts


def t3_figures(rng, agency: Agency, year: int, key: str, carried_over: dict[str, int]) -> dict[str, int]:
    """表三 for one year; ``carried_over`` is last year's 结转下年度 per applicant column."""
    cells: dict[str, int] = {}
    growth = 1 + 0.07 * (year - 2019)
    for col, share in APPLICANT_SHARES.items():
        new = max(0, round(agency.scale * growth * share * rng.uniform(0.7, 1.3)))
        over = carried_over.get(col, round(new * rng.uniform(0, 0.05)))
        forward = round((new + over) * rng.uniform(0.0, 0.06))
        outcomes = _split(rng, new + over - forward, OUTCOME_WEIGHTS)
        if key == "v2019":
            outcomes["other_handling"] = sum(outcomes.pop(k) for k in V2021_OTHER)
        cells |= {f"t3.new_received.{col}": new, f"t3.carried_over_from_prev.{col}": over,
                  f"t3.outcome_total.{col}": new + over - forward, f"t3.carried_forward_to_next.{col}": forward}
        cells |= {f"t3.{row}.{col}": v for row, v in outcomes.items()}
    rows = {ref.split(".")[1] for ref in cells}
    for row in rows:
        cells[f"t3.{row}.total"] = sum(cells[f"t3.{row}.{c}"] for c in APPLICANT_SHARES)
    return cells


def t4_figures(rng, agency: Agency) -> dict[str, int]:
    cells = {}
    for row, rate in (("admin_review", 0.02), ("litigation_direct", 0.01), ("litigation_after_review", 0.005)):
        n = round(agency.scale * rate * rng.uniform(0.5, 1.5))
        split = _split(rng, n, {"upheld": 70, "corrected": 8, "other_result": 12, "pending": 10})
        cells |= {f"t4.{row}.{k}": v for k, v in split.items()} | {f"t4.{row}.total": n}
    return cells


def t2_figures(rng, agency: Agency, key: str, state: dict) -> dict[str, float]:
    """表二; ``state`` carries item counts and cumulative totals from one year to the next."""
    s = agency.scale
    rules = rng.randint(0, 3) if agency.makes_rules else 0
    docs = max(0, round(s / 60 * rng.uniform(0.5, 1.5)))
    if key == "v2019":
        cells = {}
        for row, made in (("regulations", rules), ("normative_documents", docs)):
            total = state.get(f"published.{row}", round(made * rng.uniform(5, 12))) + made
            state[f"published.{row}"] = total
            cells |= {f"t2.art20_1.{row}.made_this_year": made, f"t2.art20_1.{row}.published_this_year": made,
                      f"t2.art20_1.{row}.total_published": total}
        for block, row, base in (("art20_5", "administrative_licensing", 0.3), ("art20_5", "other_external_services", 0.05),
                                 ("art20_6", "administrative_penalty", 0.5), ("art20_6", "administrative_coercion", 0.05),
                                 ("art20_8", "administrative_fees", 0.02)):
            prev = state.get(f"items.{row}", max(0, round(s * base * rng.uniform(0.5, 1.5))))
            change = rng.choice([-2, -1, 0, 0, 0, 1, 2, 3]) if prev > 2 else rng.choice([0, 0, 1])
            state[f"items.{row}"] = prev + change
            cells |= {f"t2.{block}.{row}.prev_year_item_count": prev, f"t2.{block}.{row}.item_count_change": change}
            if block != "art20_8":
                cells[f"t2.{block}.{row}.decisions_count"] = round(s * base * 30 * rng.uniform(0.6, 1.4))
        proc = "t2.art20_9.government_centralized_procurement"
        cells[f"{proc}.procurement_project_count"] = round(s / 20 * rng.uniform(0.5, 1.5))
        cells[f"{proc}.procurement_total_amount"] = round(s * rng.uniform(0.5, 4), 4)
        return cells
    cells = {}
    for row, issued in (("regulations", rules), ("normative_documents", docs)):
        repealed = rng.randint(0, max(0, issued // 2 + (1 if issued else 0)))
        valid = state.get(f"valid.{row}", round(issued * rng.uniform(5, 12))) + issued - repealed
        valid = max(valid, 0)
        state[f"valid.{row}"] = valid
        cells |= {f"t2.art20_1.{row}.issued_this_year": issued, f"t2.art20_1.{row}.repealed_this_year": repealed,
                  f"t2.art20_1.{row}.currently_valid": valid}
    for block, row, base in (("art20_5", "administrative_licensing", 0.3), ("art20_6", "administrative_penalty", 0.5),
                             ("art20_6", "administrative_coercion", 0.05)):
        cells[f"t2.{block}.{row}.decisions_count"] = round(s * base * 30 * rng.uniform(0.6, 1.4))
    cells["t2.art20_8.administrative_fees.fee_amount"] = round(s / 50 * rng.uniform(0, 2), 2) if s > 50 else 0
    return cells


def cell_text(ref: str, value) -> str:
    """The value as a report prints it: signed changes with '+', procurement amounts with their unit."""
    if value is None:
        return ""
    if ref.endswith("item_count_change"):
        return f"+{value}" if value > 0 else str(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text + "万元" if ref.endswith("procurement_total_amount") else text


def prose(rng, agency: Agency, year: int, cells: dict) -> tuple[list[str], dict[str, list[str]]]:
    """Intro and section texts; the figures quoted in 一、总体情况 are the table's."""
    intro = [f"本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制，由总体情况、主动公开政府信息情况、"
             f"收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
             f"其他需要报告的事项六部分组成。本报告所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"]
    new, over = cells["t3.new_received.total"], cells["t3.carried_over_from_prev.total"]
    done, forward = new + over - cells["t3.carried_forward_to_next.total"], cells["t3.carried_forward_to_next.total"]
    items = round(agency.scale * rng.uniform(0.8, 1.6)) + 20
    reviews = cells["t4.admin_review.total"]
    lawsuits = cells["t4.litigation_direct.total"] + cells["t4.litigation_after_review.total"]
    overview = [
        "（一）主动公开",
        f"{year}年，{agency.name}围绕中心工作主动公开政府信息{items}条，及时发布政策文件、规划计划、财政预决算、"
        f"重大项目和民生事项等信息，{rng.choice(['同步做好政策解读', '做好政策文件的配套解读', '加强政策解读与回应关切'])}。",
        "（二）依申请公开",
        f"全年共收到政府信息公开申请{new}件，上年结转{over}件；办结{done}件，结转下年度继续办理{forward}件。"
        f"发生政府信息公开行政复议{reviews}件、行政诉讼{lawsuits}件。",
        "（三）政府信息管理",
        rng.choice(["严格落实信息发布审核制度，坚持“先审后发”。", "健全政府信息公开属性源头认定机制，规范发布流程。"]),
        "（四）平台建设",
        rng.choice(["持续优化门户网站政府信息公开专栏，提升检索与浏览体验。", "推进政务新媒体与门户网站协同发布。"]),
        "（五）监督保障",
        "将政务公开工作纳入年度绩效考核，组织业务培训，接受社会监督。",
    ]
    problems = ["（一）存在的主要问题",
                rng.choice(["政策解读形式较为单一，部分信息更新不够及时。", "依申请公开答复的规范化水平有待提高。"]),
                "（二）改进情况",
                rng.choice(["下一步将加强业务培训，完善工作机制，提升公开质量。", "下一步将细化答复文书模板，加强法律审核。"])]
    fees = "本年度未收取信息处理费。"
    return intro, {"s1_overview": overview, "s5_problems_improvements": problems, "s6_other_matters": [fees]}


def build(agency: Agency, rng: random.Random, state: dict, year: int) -> tuple[DemoDoc, dict]:
    key = template_for_year(year)
    carried = {c: state[f"forward.{c}"] for c in APPLICANT_SHARES if f"forward.{c}" in state}
    if (agency.slug, year) == ("jianglin-environment", 2023):
        carried["natural_person"] += 3
    cells: dict = t3_figures(rng, agency, year, key, carried) | t4_figures(rng, agency) | t2_figures(rng, agency, key, state)
    state |= {f"forward.{c}": cells[f"t3.carried_forward_to_next.{c}"] for c in APPLICANT_SHARES}
    intro, sections = prose(rng, agency, year, cells)
    printed = {ref: cell_text(ref, v) for ref, v in cells.items()}
    expected: dict = dict(cells)
    flaw = (agency.slug, year)
    if flaw == ("jianglin-education", 2022):
        printed["t3.outcome_total.total"] = str(cells["t3.outcome_total.total"] + 10)
        expected["t3.outcome_total.total"] += 10
    if flaw == ("donghu-subdistrict", 2020):
        for ref in BLANK_REFS:
            printed[ref], expected[ref] = "", None
    if flaw == ("jiangbei-district", 2019):
        ref = "t2.art20_8.administrative_fees.item_count_change"
        printed[ref], expected[ref] = "—", None
    t = template(key)
    published = date(year + 1, 1, rng.randint(10, 31))
    doc = DemoDoc(agency.name, year, key, published, intro, sections,
                  {"t2": t2_grid(t, printed), "t3": t3_grid(t, printed), "t4": t4_grid(t, printed)}, printed)
    return doc, expected


def make(out: Path) -> list[tuple[Path, DemoDoc, dict]]:
    made = []
    for agency in AGENCIES:
        rng, state = random.Random(f"{SEED}-{agency.slug}"), {}
        for year in YEARS:
            doc, expected = build(agency, rng, state, year)
            ext = agency.formats[doc.template]
            path = out / f"{agency.slug}-{year}.{ext}"
            WRITERS[ext](doc, path)
            made.append((path, doc, expected))
    return made


def check(made) -> int:
    """Read every file back with gikkit; print what differs from what was written."""
    import gikkit

    problems = 0
    for path, doc, expected in made:
        try:
            report = gikkit.read(path)
        except Exception as e:  # a reader bug is reported like an unreadable file, and the rest go on
            print(f"UNREADABLE {path.name}: {type(e).__name__}: {e}")
            problems += 1
            continue
        wrong = {r: (v, report.cells.get(r)) for r, v in expected.items() if report.cells.get(r) != v}
        meta = (report.agency, report.year, report.template, report.published)
        want = (doc.agency, doc.year, doc.template, doc.published.isoformat())
        errors = sorted({f.code for f in report.findings if f.severity == "error"})
        status = "ok" if not wrong and meta == want else "DIFFERS"
        problems += status != "ok"
        print(f"{status:8} {path.name:34} {report.format:10} errors={errors} "
              + (f"meta={meta} " if meta != want else "") + (f"cells={dict(list(wrong.items())[:4])}" if wrong else ""))
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    parser.add_argument("--check", action="store_true", help="read the files back with gikkit and compare")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    made = make(args.out)
    print(f"wrote {len(made)} reports to {args.out}")
    return 1 if args.check and check(made) else 0


if __name__ == "__main__":
    sys.exit(main())
