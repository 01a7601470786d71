"""Hypothesis profiles for the fuzz suite.

``quick`` (the default, in ``make test``): twenty examples per property, the whole suite in
well under a minute. ``fuzz`` (``make fuzz``): each property runs again and again with fresh
examples for ``FUZZ_SECONDS`` seconds (see :func:`fuzzing.for_a_while`). Choose with the env
``HYPOTHESIS_PROFILE``.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, database=None, derandomize=False, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("quick", max_examples=20, **_COMMON)
settings.register_profile("fuzz", max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
