"""Tables of a scanned page, found from the ruling lines in the image.

A scan is straightened first (a page fed into a scanner turns by a degree or so), then the long
thin runs of ink, horizontal and vertical, are the table's rules. They go through the same
grid-building as a PDF's vector rules (pdfplumber's merge/intersect/cells functions), so a scanned
table comes out as the same grid of cells, with ``None`` where a merged cell covers a position.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_SKEW = 2.0  # degrees searched either way
SKEW_STEP = 0.05
INK = 170  # grey level below which a pixel is ink (paper ~255, toner ~0, blur in between)
RULE_H = 0.30  # inches: a horizontal run of ink at least this long is a rule, not a character's stroke
RULE_V = 0.20  # inches: same for vertical runs (a character is ~0.15 in tall at 10.5 pt)
PIECE = 0.10  # inches: runs this long are kept as pieces of rules, joined across small gaps, then measured
SNAP = 0.03  # inches: rules this close are one rule
# Inches a rule may stop short of the rule it meets (a scan wears a rule's ends away); less than
# half a row's or a column's size, so a rule never reaches past the next one.
REACH_X, REACH_Y = 0.10, 0.15


@dataclass
class GridTable:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in pixels
    rows: list[list[tuple[float, float, float, float] | None]]  # the cell boxes, None under a merged cell


def _cv2():
    import cv2

    cv2.setNumThreads(1)  # pages are read on several threads already
    return cv2


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees) that makes the page's rows of ink level: the one whose row sums are most peaked."""
    cv2 = _cv2()
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    ink = (small < INK).astype(np.float32)
    h, w = ink.shape
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, SKEW_STEP):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def straighten(gray: np.ndarray) -> np.ndarray:
    """The page turned level (white fills the corners)."""
    angle = skew_angle(gray)
    if abs(angle) < SKEW_STEP / 2:
        return gray
    cv2 = _cv2()
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _runs(mask: np.ndarray, orientation: str, min_len: float) -> list[dict]:
    """Rules in a mask of rule pixels, as pdfplumber edge dicts (in pixels)."""
    cv2 = _cv2()
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    edges = []
    for x, y, w, h, _area in stats[1:count]:
        if orientation == "h" and w >= min_len and h <= w / 8:
            mid = y + h / 2
            edges.append({"x0": float(x), "x1": float(x + w), "top": mid, "bottom": mid, "width": float(w),
                          "height": 0.0, "orientation": "h", "object_type": "line"})
        elif orientation == "v" and h >= min_len and w <= h / 8:
            mid = x + w / 2
            edges.append({"x0": mid, "x1": mid, "top": float(y), "bottom": float(y + h), "width": 0.0,
                          "height": float(h), "orientation": "v", "object_type": "line"})
    return edges


def rule_edges(gray: np.ndarray, dpi: float) -> list[dict]:
    """The page's horizontal and vertical rules: pieces of straight ink, joined across the small gaps
    a scan breaks a rule into, and kept when long enough."""
    from pdfplumber.table import merge_edges

    cv2 = _cv2()
    ink = (gray < INK).astype(np.uint8)
    piece, tol = int(PIECE * dpi), SNAP * dpi
    horizontal = cv2.morphologyEx(cv2.dilate(ink, np.ones((3, 1), np.uint8)), cv2.MORPH_OPEN, np.ones((1, piece), np.uint8))
    vertical = cv2.morphologyEx(cv2.dilate(ink, np.ones((1, 3), np.uint8)), cv2.MORPH_OPEN, np.ones((piece, 1), np.uint8))
    pieces = _runs(horizontal, "h", piece) + _runs(vertical, "v", piece)
    edges = merge_edges(pieces, snap_x_tolerance=tol, snap_y_tolerance=tol, join_x_tolerance=tol, join_y_tolerance=tol)
    return [e for e in edges if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"])
            >= (RULE_H if e["orientation"] == "h" else RULE_V) * dpi]


def find_tables(gray: np.ndarray, dpi: float) -> list[GridTable]:
    """The ruled tables of a (straightened) page, top to bottom, each as rows of cell boxes."""
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells

    edges = rule_edges(gray, dpi)
    cells = intersections_to_cells(edges_to_intersections(edges, REACH_X * dpi, REACH_Y * dpi))
    tables = []
    for group in cells_to_tables(cells):
        grid = Table(None, group)  # rows/columns only need the cell boxes, not a page
        rows = [list(r.cells) for r in grid.rows]
        if max(len(r) for r in rows) >= 2:
            tables.append(GridTable(tuple(grid.bbox), rows))
    return sorted(tables, key=lambda t: t.bbox[1])
