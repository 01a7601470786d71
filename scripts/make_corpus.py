"""Write N distinct made-up reports in every format, for the scale benchmarks (benchmarks/bench_scale.py).

    python scripts/make_corpus.py 2000                       # corpus/ (not committed): 2,000 files
    python scripts/make_corpus.py 10000 --out /tmp/c10k --formats txt,html
    python scripts/make_corpus.py 600 --jobs 2 --pdf-share 0.1

Reports are built the way the demo data are (``make_demo_data.build``: figures that obey the
template's identities and carry over from year to year), for a generated list of agencies, six years
(2019-2024) each, so that every file is a different report: its own agency, year and figures. About
one report in eight has a few cells left blank. Formats rotate through txt, html, docx (2021 format
only: the writer fills the official 2021 Word template) and pdf; ``--pdf-share`` and ``--docx-share``
set how many are PDFs and Word files (the slowest to write: 0.1 s and 0.5 s each; PDFs are the
slowest to read too). Files go in sub-folders of 1,000, the way a
crawl of many sites would be stored. Same arguments, same bytes (seeded).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # demo_* beside this script, when imported from elsewhere

from demo_layout import t2_grid, t3_grid, t4_grid  # noqa: E402
from demo_writers import WRITERS  # noqa: E402
from make_demo_data import BLANK_REFS, YEARS, Agency, build  # noqa: E402

from gikkit.schema import template  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "corpus"
SEED = 20261202
PER_FOLDER = 1000
# Place names are two of these; agencies are a place and a kind of office (several thousand places).
PLACE_CHARS = "江河湖山川平安清泉石林松柳桃李东西南北中新宁德兴和丰华阳明昌盛永长青云龙凤金玉春秋"
LEVELS = (("市", "人民政府", 1500), ("县", "人民政府", 400), ("区", "人民政府", 320), ("市", "教育局", 80),
          ("市", "生态环境局", 150), ("县", "财政局", 40), ("区", "卫生健康委员会", 60), ("县", "自然资源局", 120),
          ("市", "公安局", 600), ("区", "市场监督管理局", 90))
TOWNSHIPS = ("镇人民政府", "街道办事处", "乡人民政府")


def agency(i: int) -> Agency:
    """The ``i``-th made-up agency: a distinct name for every ``i`` below several hundred thousand."""
    n = len(PLACE_CHARS)
    place = PLACE_CHARS[i % n] + PLACE_CHARS[(i // n) % n]
    kind = (i // (n * n)) % (len(LEVELS) + len(TOWNSHIPS))
    if kind < len(LEVELS):
        unit, office, scale = LEVELS[kind]
        name = f"{place}{unit}{office}"
    else:  # a township under a county named by the next place
        county = PLACE_CHARS[(i + 7) % n] + PLACE_CHARS[(i // n + 3) % n]
        name, scale = f"{county}县{place}{TOWNSHIPS[kind - len(LEVELS)]}", 10
    rng = random.Random(f"{SEED}-agency-{i}")
    return Agency(name, f"a{i:06d}", max(3, round(scale * rng.uniform(0.3, 2.0))), {},
                  makes_rules=office == "人民政府" if kind < len(LEVELS) else False)


def plan(n: int, shares: dict[str, float], formats: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """``(agency index, year, extension)`` for ``n`` reports: six years per agency, formats mixed.

    ``shares`` fixes the share of the slow formats (pdf, docx); the others split the rest evenly.
    """
    rng = random.Random(f"{SEED}-plan")
    out = []
    for k in range(n):
        i, year = divmod(k, len(YEARS))
        year = YEARS[year]
        choices = [f for f in formats if f != "docx" or year >= 2021] or ["txt"]
        fast = [f for f in choices if f not in shares] or choices
        ext, draw = None, rng.random()
        for f in choices:
            if f in shares and len(choices) > 1:
                if draw < shares[f]:
                    ext = f
                    break
                draw -= shares[f]
        out.append((i, year, ext or rng.choice(fast)))
    return out


def write_agency(job: tuple[int, list[tuple[int, str]], str]) -> int:
    """Write one agency's reports (its years in order, so figures carry over); returns files written."""
    i, years, out = job
    a = agency(i)
    rng, state = random.Random(f"{SEED}-{a.slug}"), {}
    wanted = dict(years)
    written = 0
    for year in YEARS:
        doc, _ = build(a, rng, state, year)
        if year not in wanted:
            continue
        if rng.random() < 0.125:  # a few cells left blank, as real reports do
            for ref in rng.sample(BLANK_REFS, rng.randint(1, len(BLANK_REFS))):
                doc.cells[ref] = ""
            t = template(doc.template)
            doc.grids = {"t2": t2_grid(t, doc.cells), "t3": t3_grid(t, doc.cells), "t4": t4_grid(t, doc.cells)}
        ext = wanted[year]
        folder = Path(out) / f"{i * len(YEARS) // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        WRITERS[ext](doc, folder / f"{a.slug}-{year}.{ext}")
        written += 1
    return written


def make(n: int, out: Path, *, jobs: int = 1, pdf_share: float = 0.1, docx_share: float = 0.15,
         formats: tuple[str, ...] = ("txt", "html", "docx", "pdf")) -> int:
    """Write ``n`` reports under ``out``; returns the number written."""
    by_agency: dict[int, list[tuple[int, str]]] = {}
    for i, year, ext in plan(n, {"pdf": pdf_share, "docx": docx_share}, formats):
        by_agency.setdefault(i, []).append((year, ext))
    work = [(i, years, str(out)) for i, years in by_agency.items()]
    if jobs <= 1:
        return sum(map(write_agency, work))
    with ProcessPoolExecutor(jobs) as pool:
        return sum(pool.map(write_agency, work, chunksize=8))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many reports to write")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder (default {DEFAULT_OUT})")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument("--pdf-share", type=float, default=0.1, help="share of PDFs (default 0.1)")
    parser.add_argument("--docx-share", type=float, default=0.15,
                        help="share of DOCX among 2021-format reports' draws (default 0.15)")
    parser.add_argument("--formats", default="txt,html,docx,pdf", help="extensions to use (default all four)")
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        parser.error(f"unknown format(s) {unknown}; known: {', '.join(WRITERS)}")
    start = time.perf_counter()
    written = make(args.n, args.out, jobs=args.jobs, pdf_share=args.pdf_share, docx_share=args.docx_share, formats=formats)
    print(f"wrote {written} reports to {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
