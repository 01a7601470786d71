"""Checks on report figures, declared as data in :mod:`gikkit.checks.rules`.

``run(report)`` returns the findings for one report.
"""
from .engine import CHECKERS, run
from .rules import RULES, RULES_BY_CODE, Rule

__all__ = ["CHECKERS", "RULES", "RULES_BY_CODE", "Rule", "run"]
