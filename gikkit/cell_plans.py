"""What :class:`~gikkit.cellmap.CellMapper` needs to know of a template's tables, worked out once.

Each template's 表二 blocks and 表三: the rows' labels by key, the label candidates a printed
label is matched against (both versions' wording of the template's own rows), and each row's
cells as ``(ref, cell spec, placed)``, the tuples :meth:`CellMapper.put_row` fills, where
``placed`` is the memo of cell texts already placed in cells of that type and unit (shared by
every cell of both templates with that type and unit). These are the same for every report of a
template: built on first use, kept per process.
"""
from __future__ import annotations

from .schema import Template

# template key -> (template, other templates, plan); a plan is rebuilt if either is another object
_T2_PLANS: dict[str, dict[str, tuple]] = {}  # ... per 表二 block
_T3_PLANS: dict[str, tuple] = {}
_CELLS: dict[str, tuple] = {}
_PLACED: dict[tuple[str, str | None], dict[str, tuple]] = {}  # (type, unit) -> cell text -> CellMapper's answer


def _current(plan: tuple | None, template: Template, others: list[Template]) -> bool:
    return plan is not None and plan[0] is template and list(map(id, plan[1])) == list(map(id, others))


def cells_of(template: Template) -> dict[str, tuple]:
    """``ref -> (ref, cell spec, placed)`` for every cell of ``template``."""
    plan = _CELLS.get(template.key)
    if not _current(plan, template, []):
        plan = _CELLS[template.key] = (template, [], {ref: (ref, spec, _PLACED.setdefault((spec.type, spec.unit), {}))
                                                      for ref, spec in template.cells.items()})
    return plan[2]


def _row_cells(template: Template, refs: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Each row's cell tuples, for the rows whose refs are all the template's cells (a 表三 group's are not)."""
    cells = cells_of(template)
    return {key: [cells[ref] for ref in row] for key, row in refs.items() if all(ref in cells for ref in row)}


def t2_plan(template: Template, others: list[Template], block: str) -> tuple[dict, tuple, list, dict]:
    """A 表二 block's ``(labels by row key, label candidates, columns, cells by row key)``."""
    plans = _T2_PLANS.setdefault(template.key, {})
    plan = plans.get(block)
    if not _current(plan, template, others):
        spec_block = template.t2_blocks[block]
        own = {r["key"]: r["label_zh"] for r in spec_block["rows"]}
        candidates = list(own.items())
        for other in others:
            if block in other.t2_blocks:
                candidates += [(r["key"], r["label_zh"]) for r in other.t2_blocks[block]["rows"] if r["key"] in own]
        refs = {key: [f"t2.{block}.{key}.{col['key']}" for col in spec_block["columns"]] for key in own}
        plan = plans[block] = (template, list(others),
                               (own, tuple(candidates), spec_block["columns"], _row_cells(template, refs)))
    return plan[2]


def t3_plan(template: Template, others: list[Template]) -> tuple[dict, tuple, dict]:
    """表三's ``(labels by row key, label candidates, cells by row key)``."""
    plan = _T3_PLANS.get(template.key)
    if not _current(plan, template, others):
        own = {r["key"]: r["label_zh"] for r in template.t3_rows()}
        candidates = list(own.items())
        for other in others:
            candidates += [(r["key"], r["label_zh"]) for r in other.t3_rows() if r["key"] in own]
        refs = {key: [f"t3.{key}.{col['key']}" for col in template.t3_columns()] for key in own}
        plan = _T3_PLANS[template.key] = (template, list(others), (own, tuple(candidates), _row_cells(template, refs)))
    return plan[2]
