"""pdfplumber's table finder with its cell search done once per point instead of once per pair.

pdfplumber's ``intersections_to_cells`` asks, for every pair of ruling-line crossings it tries,
whether one edge runs through both: it rebuilds both crossings' sets of edge boxes each time and
scans every later crossing for those in the same column and row. On a report page of a few
hundred crossings that was two thirds of finding the tables. :func:`intersections_to_cells`
builds each crossing's edge sets and each column's and row's crossings once, then runs the very
same search in the same order, so it finds the same cells; a page with a coordinate that is not a
finite number (where equality and sorting misbehave) goes to pdfplumber's own routine.
:class:`TableFinder` is pdfplumber's with that one step replaced, used by gikkit's reader only.
"""
from __future__ import annotations

from math import isfinite

from pdfplumber import table as plumber_table
from pdfplumber.table import Table, TableSettings, cells_to_tables, edges_to_intersections


def intersections_to_cells(intersections: dict) -> list[tuple]:
    """The cells pdfplumber's ``intersections_to_cells`` finds, in the same order."""
    points = sorted(intersections.keys())
    if not all(isfinite(x) and isfinite(y) for x, y in points):
        return plumber_table.intersections_to_cells(intersections)
    vsets = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges["v"]} for p, edges in intersections.items()}
    hsets = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges["h"]} for p, edges in intersections.items()}
    columns: dict[float, list[int]] = {}  # x -> indexes of the points on it, in sorted order
    rows: dict[float, list[int]] = {}
    for i, (x, y) in enumerate(points):
        columns.setdefault(x, []).append(i)
        rows.setdefault(y, []).append(i)

    def connects(p1, p2) -> bool:  # pdfplumber's edge_connects
        if p1[0] == p2[0] and not vsets[p1].isdisjoint(vsets[p2]):
            return True
        return p1[1] == p2[1] and not hsets[p1].isdisjoint(hsets[p2])

    cells = []
    last = len(points) - 1
    for i, pt in enumerate(points):
        if i == last:
            break
        below = [points[j] for j in columns[pt[0]] if j > i]
        right = [points[j] for j in rows[pt[1]] if j > i]
        found = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                bottom_right = (right_pt[0], below_pt[1])
                if bottom_right in intersections and connects(bottom_right, right_pt) and connects(bottom_right, below_pt):
                    found = (pt[0], pt[1], bottom_right[0], bottom_right[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


class TableFinder(plumber_table.TableFinder):
    """pdfplumber's ``TableFinder`` (same edges, crossings and tables) with :func:`intersections_to_cells`."""

    def __init__(self, page, settings=None) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def find_tables(page, settings: dict) -> list[Table]:
    """``page.find_tables(settings)``, through :class:`TableFinder`."""
    return TableFinder(page, TableSettings.resolve(settings)).tables
