"""Checks on report figures, declared as data in :mod:`gikkit.checks.rules`.

    >>> from gikkit import checks
    >>> checks.run(report)                       # the per-report checks: a list of Finding
    >>> checks.check(dataset, only="identity")   # everything, many reports: a findings DataFrame
    >>> checks.check(reports, levels={"某县人民政府": ["甲镇人民政府", "乙镇人民政府"]})

``run(report)`` is what :func:`gikkit.read` calls. ``check(data)`` adds the checks across years
(same agency) and, given a mapping, across levels, and can fill blank totals (``derive_totals=True``).
"""
from . import structure
from .across_levels import check_levels, load_mapping
from .across_years import check_years
from .base import select
from .batch import FINDING_COLUMNS, STATUS_COLUMNS, as_reports, cell_status_frame, check, findings_frame
from .derive import derive_totals
from .engine import CHECKERS, run
from .rules import KINDS, RULES, RULES_BY_CODE, Rule

__all__ = ["CHECKERS", "FINDING_COLUMNS", "KINDS", "RULES", "RULES_BY_CODE", "Rule", "STATUS_COLUMNS", "as_reports",
           "cell_status_frame", "check", "check_levels", "check_years", "derive_totals", "findings_frame",
           "load_mapping", "run", "select", "structure"]
