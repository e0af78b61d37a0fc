"""``python -m logredact``: the same as the ``logredact`` command."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
