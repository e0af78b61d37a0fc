"""The package as users meet it: what `import logredact` loads, what it exports."""

from __future__ import annotations

import subprocess
import sys

import logredact


class TestPackaging:
    def test_import_loads_no_optional_dependency(self) -> None:
        """`import logredact` imports neither structlog, python-json-logger nor Django."""
        code = (
            "import sys, logredact; "
            "print(sorted(m for m in ('structlog', 'pythonjsonlogger', 'django') "
            "if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert "[]" == out.stdout.strip()

    def test_all_is_sorted_and_importable(self) -> None:
        """__all__ is sorted and every name in it exists."""
        assert sorted(logredact.__all__) == logredact.__all__
        for name in logredact.__all__:
            assert hasattr(logredact, name), name

    def test_typed(self) -> None:
        """The package ships py.typed for type checkers."""
        from importlib.resources import files

        assert files("logredact").joinpath("py.typed").is_file()
