"""Record what ``gikkit.read`` gives for every file of some folders, then check a later version gives the same.

A speed-up must not change any read cell or finding. Before changing the code, record; after each
change, compare: every file's cells, cell statuses and notes, findings, sections and metadata must be
byte-for-byte what they were (or the same error).

    python benchmarks/compare_reads.py record /tmp/golden tests/fixtures data /tmp/c240
    python benchmarks/compare_reads.py compare /tmp/golden tests/fixtures data /tmp/c240
    python benchmarks/compare_reads.py compare /tmp/golden tests/fixtures --ext .txt,.docx   # some formats only

(``/tmp/c240``: ``python scripts/make_corpus.py 240 --out /tmp/c240 --jobs 1``.) Exit status 1 when
a file differs; each such file is named.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import gikkit


def dump(path: Path) -> dict:
    """Everything a read gives that a user sees, as JSON-ready data."""
    try:
        report = gikkit.read(path)
    except gikkit.GikkitError as e:
        return {"error": type(e).__name__, "message": str(e)}
    data = report.to_dict()
    data.update(cell_info=report.cell_info, title=report.title, sections_seen=report.sections_seen,
                preamble=report.preamble, findings_repr=[repr(f) for f in report.findings])
    return data


def files(folders: list[Path], extensions: set[str] | None):
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (extensions is None or path.suffix.lower() in extensions):
                yield path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("store", type=Path, help="folder holding one JSON file per file read")
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--ext", help="only these extensions, e.g. .txt,.docx")
    args = parser.parse_args(argv)
    extensions = {e.strip().lower() for e in args.ext.split(",")} if args.ext else None
    args.store.mkdir(parents=True, exist_ok=True)
    count = differ = 0
    for path in files(args.folders, extensions):
        key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32] + ".json"
        text = json.dumps(dump(path), ensure_ascii=False, sort_keys=True, default=str, indent=0)
        count += 1
        if args.mode == "record":
            (args.store / key).write_text(text, encoding="utf-8")
        elif not (args.store / key).exists() or (args.store / key).read_text(encoding="utf-8") != text:
            differ += 1
            print(f"differs: {path}")
    print(f"{count} files {'recorded' if args.mode == 'record' else f'compared, {differ} differ'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
