"""Shared test configuration: hypothesis profiles chosen by environment variable.

``dev`` (default) keeps the suite quick; ``ci`` (picked when ``CI`` is set, or with
``HYPOTHESIS_PROFILE=ci``) runs at least 500 examples per property.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
_default = "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
