"""An HTML page as an lxml tree, with the text rules the HTML reader was written against.

The reader used to build a BeautifulSoup tree (with lxml as its parser), which cost four fifths
of a page's reading time. Here lxml's own tree is used, from the same libxml2 parser fed the
same way, and the few things BeautifulSoup added are done here, so that a page reads the same:

- a run of text made only of ASCII spaces becomes ``"\\n"`` (if it holds one) or ``" "``, except
  inside ``<pre>``/``<textarea>``;
- text inside ``<script>``, ``<style>``, ``<template>``, ``<rt>`` and ``<rp>`` is not page text
  (BeautifulSoup keeps it as other string types, which the reader and ``get_text`` skip), nor
  is the text of comments and processing instructions;
- a leading byte-order mark is dropped, and text lxml will not take as ``str`` is fed as UTF-8.

lxml keeps text on elements (``.text`` before the first child, ``.tail`` after each element)
rather than as nodes; comments and processing instructions are elements whose ``tag`` is not a
``str``: their text is skipped, their tail is text of the parent.
"""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

QUIET = frozenset({"rt", "rp", "template"})  # elements whose text is not page text (script/style hold no elements)
PRESERVE = frozenset({"pre", "textarea"})  # whitespace kept as printed inside these
ASCII_SPACES = " \n\t\x0c\r"
# Strings the way BeautifulSoup's get_text() sees them: no comments, no script/style/template/ruby text.
_STRINGS = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::template "
                       "or ancestor::rt or ancestor::rp)]", smart_strings=False)


def parse_tree(text: str):
    """The page's root element (``<html>``), or ``None`` for a page with no elements at all."""
    if text[:1] == "\ufeff":
        text = text[1:]
    try:
        return _feed(text, None)
    except (UnicodeDecodeError, LookupError, etree.ParserError):
        return _feed(text.encode("utf8"), "utf8")


def _feed(markup, encoding):
    # huge_tree: without it libxml2's tree builder silently cuts nesting at 256 and text runs at 10 MB,
    # which BeautifulSoup's event-driven build did not; the reader's own limits (HTML_DEPTH, HTML_BYTES) apply instead.
    parser = etree.HTMLParser(recover=True, huge_tree=True, encoding=encoding)
    parser.feed(markup)
    return parser.close()


def plain(text: str, pre: bool) -> str:
    """A run of text as BeautifulSoup keeps it: ASCII-space-only runs folded to one space or newline."""
    if pre or text.strip(ASCII_SPACES):
        return text
    return "\n" if "\n" in text else " "


def flags(el) -> tuple[bool, bool]:
    """``(quiet, pre)`` for the content of ``el``: inside a QUIET element, inside a PRESERVE element."""
    quiet = pre = False
    for a in el.iterancestors():
        quiet, pre = quiet or a.tag in QUIET, pre or a.tag in PRESERVE
    tag = el.tag
    return quiet or tag in QUIET, pre or tag in PRESERVE


_NOT_TEXT = ("script", "style", "template", "rt", "rp")  # the elements _STRINGS leaves out
_ALL_STRINGS = etree.XPath(".//text()", smart_strings=False)
_STRINGS_BY_PARENT = etree.XPath(".//text()[not(parent::script or parent::style or parent::template "
                                 "or parent::rt or parent::rp)]", smart_strings=False)


def strings(el) -> list[str]:
    """The page-text strings under ``el``, stripped, blanks dropped (``get_text(strip=True)``'s parts)."""
    # _STRINGS tests every text run's ancestors, up to the root. Cheaper paths give the same runs:
    # with no such element inside or above ``el``, every run is page text; when those inside hold
    # no element (a <script> holds only its code), a run is theirs exactly when it is their child.
    if any(a.tag in _NOT_TEXT for a in el.iterancestors()):
        path = _STRINGS
    else:
        left_out = list(el.iter(*_NOT_TEXT))  # el itself included
        path = _ALL_STRINGS if not left_out else _STRINGS_BY_PARENT if not any(map(len, left_out)) else _STRINGS
    return [s for s in map(str.strip, path(el)) if s]  # smart_strings=False: plain str runs


def get_text(el, sep: str = "") -> str:
    return sep.join(strings(el))


def deeper_than(root, limit: int) -> bool:
    """Whether elements nest more than ``limit`` deep (``<html>`` is 1; comments do not count).

    One XPath step per level, evaluated in C: an element ``limit`` levels below the root exists.
    """
    return bool(_deep_path(limit)(root))


@lru_cache(maxsize=4)
def _deep_path(limit: int):
    return etree.XPath("self::*" + "/*" * limit)


def single_string(el):
    """BeautifulSoup's ``Tag.string``: the only child's text, recursively; ``None`` for none or several."""
    children = list(el)
    parts = (1 if el.text else 0) + len(children) + sum(1 for c in children if c.tail)
    if parts != 1:
        return None
    if el.text:
        return el.text
    child = children[0]
    if not isinstance(child.tag, str):  # a comment or processing instruction: its text
        return child.text or None
    return single_string(child)
