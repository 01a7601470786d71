"""Optical character recognition on the user's machine, with the models the ``rapidocr`` wheel ships.

Nothing is downloaded: every model path is given explicitly and must lie inside the installed
package (rapidocr fetches a model only when no path is given). One engine per thread, each on one
onnxruntime thread, so pages can be read on all cores without the engines fighting over them.
Text read as a number cell goes through :func:`as_number_text`, which maps the letters OCR confuses
with digits (O/0, l/1, S/5) — only there, so a label's letters are never turned into digits.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import MissingDependencyError

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"  # never run (pages are upright), but rapidocr wants a path
OCR_VERSION = "rapidocr-ppocrv6-small-2"  # part of the cache key: bump it when the models or the page pipeline change

_local = threading.local()


@dataclass
class TextBox:
    """A run of text the engine found: its text, its confidence (0-1) and its box in image pixels."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def model_paths() -> dict[str, Path]:
    """The shipped model files, checked to exist inside the installed ``rapidocr`` package."""
    try:
        import onnxruntime  # noqa: F401  (rapidocr does not declare it)
        import rapidocr
    except ImportError:
        raise MissingDependencyError("rapidocr onnxruntime", "reading scanned PDF pages") from None
    root = Path(rapidocr.__file__).resolve().parent
    paths = {"det": root / "models" / DET_MODEL, "rec": root / "models" / REC_MODEL, "cls": root / "models" / CLS_MODEL}
    for path in paths.values():
        if not path.is_file() or root not in path.resolve().parents:
            raise MissingDependencyError("rapidocr", f"reading scanned PDF pages (model {path.name} missing from the wheel)")
    return paths


def engine():
    """This thread's OCR engine, built once, on one onnxruntime thread, with the shipped models."""
    eng = getattr(_local, "engine", None)
    if eng is None:
        from rapidocr import RapidOCR

        paths = model_paths()
        one_thread = {"intra_op_num_threads": 1, "inter_op_num_threads": 1}
        eng = RapidOCR(params={
            "Global.use_cls": False, "Global.log_level": "error",
            "Det.model_path": str(paths["det"]), "Rec.model_path": str(paths["rec"]), "Cls.model_path": str(paths["cls"]),
            **{f"EngineConfig.onnxruntime.{k}": v for k, v in one_thread.items()},
        })
        _local.engine = eng
    return eng


def _rgb(gray):
    import numpy as np

    return np.repeat(gray[:, :, None], 3, axis=2) if gray.ndim == 2 else gray


def find_boxes(gray) -> list[TextBox]:
    """Where the runs of text on a page image are (detection only; ``text`` empty, ``confidence`` the detector's)."""
    out = engine()(_rgb(gray), use_det=True, use_cls=False, use_rec=False)
    if out.boxes is None:
        return []
    boxes = []
    for quad, score in zip(out.boxes, out.scores):
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        boxes.append(TextBox("", float(score), min(xs), min(ys), max(xs), max(ys)))
    return boxes


def read_crops(crops: list) -> list[tuple[str, float]]:
    """Read each image crop as one line of text (no detection): ``(text, confidence)`` per crop."""
    if not crops:
        return []
    from rapidocr.ch_ppocr_rec import TextRecInput

    usable = [i for i, c in enumerate(crops) if min(c.shape[:2]) >= 2]  # a box at the page's very edge can be empty
    reads = [("", 0.0)] * len(crops)
    if usable:
        recognizer = engine()._load_rec_model()  # the recognizer alone: a crop is one known line
        out = recognizer(TextRecInput(img=[_rgb(crops[i]) for i in usable]))
        for i, text, score in zip(usable, out.txts, out.scores):
            reads[i] = (str(text), float(score))
    return reads


# Letters OCR reads for digits in a figure. Applied only to text that sits in a number cell.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "〇": "0", "D": "0", "l": "1", "I": "1", "|": "1", "丨": "1",
                                   "i": "1", "S": "5", "s": "5", "Z": "2", "z": "2", "B": "8", "g": "9", "，": ",", "。": "."})
_DUST = ".,:;'`·"  # a figure never starts or ends with these: dust on the scan beside it
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")


def as_number_text(text: str) -> str | None:
    """``text`` as the figure it is meant to be, or None when it is not a figure even after mapping
    the letters OCR confuses with digits. Spaces OCR puts inside a figure are dropped, and so are
    points and commas before or after it (dust the recognizer read as a point)."""
    mapped = re.sub(r"\s+", "", text).translate(_DIGIT_LOOKALIKES).strip(_DUST)
    return mapped if _NUMBER.match(mapped) else None
