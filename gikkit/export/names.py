"""How a published site names its inputs: relative to what was exported, never by a local absolute path."""
from __future__ import annotations

from pathlib import Path


def shown_names(paths, files: list[Path]) -> dict[str, str]:
    """``str(file)`` -> the file's name relative to the folder given for it (or its own name when given alone)."""
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    names = {}
    for f in files:
        name = f.name
        for root in roots:
            if root.is_dir():
                try:
                    name = f.resolve().relative_to(root.resolve()).as_posix()
                    break
                except ValueError:
                    try:
                        name = f.relative_to(root).as_posix()
                        break
                    except ValueError:
                        continue
        names[str(f)] = name
    return names


def without_local_paths(text: str | None, paths, names: dict[str, str]) -> str | None:
    """``text`` (a problem message) with each input's path replaced by its shown name, folders by nothing."""
    if not text:
        return text
    for full, name in sorted(names.items(), key=lambda kv: -len(kv[0])):
        for form in {full, str(Path(full).resolve())}:
            text = text.replace(form, name)
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    for root in roots:
        for form in sorted({str(root.resolve()), str(root)}, key=len, reverse=True):
            if form not in (".", ""):
                text = text.replace(form + "/", "").replace(form, root.name or ".")
    return text


def about_markdown(paths) -> str | None:
    """The README.md of the folder exported (what the reports are, e.g. that demo reports are invented), if any."""
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    texts = []
    for root in roots:
        readme = root / "README.md"
        if root.is_dir() and readme.is_file():
            try:
                texts.append(readme.read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    return "\n\n".join(texts) or None
