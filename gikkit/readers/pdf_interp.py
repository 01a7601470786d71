"""pdfminer's page interpreter, fed by :mod:`.pdf_tokens` instead of its per-character parser.

:class:`ContentInterpreter` is pdfminer's ``PDFPageInterpreter`` with one method replaced:
``execute`` takes the content objects from :func:`.pdf_tokens.content_objects` (the same objects,
in the same order, pdfminer's own parser on what is not plain) and runs each operator exactly as
pdfminer's loop does. :func:`read_layout` gives a pdfplumber page its layout through it, as
pdfplumber's ``Page.layout`` would, so the interpreter is used only inside gikkit's PDF reading;
pdfminer and pdfplumber stay as they are for everyone else.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from pdfminer import settings
from pdfminer.pdfinterp import PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import PSKeyword

from .pdf_tokens import content_objects

try:  # pdfplumber's own pieces, as of 0.11; another pdfplumber keeps its own Page.layout
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException
except ImportError:  # pragma: no cover - another pdfplumber
    PDFPageAggregatorWithMarkedContent = None

log = logging.getLogger("pdfminer.pdfinterp")  # pdfminer's warnings, under pdfminer's name

_OPERATORS: dict[type, dict[PSKeyword, tuple[str, int] | None]] = {}  # per interpreter class


def _operator(cls: type, keyword: PSKeyword) -> tuple[str, int] | None:
    """The ``do_*`` method pdfminer's loop calls for ``keyword`` (its own name mangling) and its operand count."""
    name = str(keyword.name, "utf-8", "ignore")
    method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
    func = getattr(cls, method, None)
    return None if func is None else (method, func.__code__.co_argcount - 1)


class ContentInterpreter(PDFPageInterpreter):
    """``PDFPageInterpreter`` whose content streams are read by :mod:`.pdf_tokens`."""

    def execute(self, streams: Sequence[object]) -> None:
        valid_streams = []  # pdfminer's guard against content that invokes itself, as it is
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None:
                log.warning("Execute called on non-indirect object (inline image?) %r", stream)
                continue
            if stream.objid in self.parent_stream_ids:
                log.warning("Refusing to execute circular reference to content stream %d", stream.objid)
            else:
                valid_streams.append(stream)
                self.stream_ids.add(stream.objid)
        if not valid_streams:  # pdfminer: an empty page
            return
        cls = type(self)
        operators = _OPERATORS.setdefault(cls, {})
        if len(operators) > 4096:  # keywords are as many as a hostile file wants: keep the cache bounded
            operators.clear()
        push = self.push
        for obj in content_objects(valid_streams):
            if not isinstance(obj, PSKeyword):
                push(obj)
                continue
            op = operators.get(obj, False)
            if op is False:
                op = operators[obj] = _operator(cls, obj)
            if op is None:
                if settings.STRICT:
                    raise PDFInterpreterError(f"Unknown operator: {str(obj.name, 'utf-8', 'ignore')!r}")
                continue
            method, nargs = op
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    getattr(self, method)(*args)
            else:
                getattr(self, method)()


def read_layout(page, fonts=None) -> None:
    """Give ``page`` (a pdfplumber Page, not parsed yet) its layout, as ``Page.layout`` does, via :class:`ContentInterpreter`.

    With ``fonts`` (a :class:`.pdf_device.FontCache`, one per document) and no layout analysis
    asked for, the characters come out as pdfplumber's dicts straight from the interpreter
    (:mod:`.pdf_device`) and the page's objects are set as pdfplumber's ``Page.objects`` would give them.
    """
    if PDFPageAggregatorWithMarkedContent is None or hasattr(page, "_layout"):
        return
    direct = fonts is not None and page.pdf.laparams is None and not hasattr(page, "_objects")
    if direct:
        from .pdf_device import CharDevice

        device = CharDevice(page, fonts)
    else:
        device = PDFPageAggregatorWithMarkedContent(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = ContentInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:
        raise PdfminerException(e)
    page._layout = device.get_result()
    if direct:
        from .pdf_device import page_objects

        page._objects = page_objects(page, page._layout)
