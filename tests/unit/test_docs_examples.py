"""Every ``python`` code block in docs/ runs, so the examples cannot rot.

The blocks of one page run in order in one namespace, like a doctest session: a page
reads top to bottom.  Blocks fenced as ``py`` (not ``python``) are illustrative
fragments and are not run; keep them few.
"""

from __future__ import annotations

import logging
import pathlib
import re
import sys
import warnings

import pytest

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"
_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = sorted(p for p in DOCS.glob("*.md") if _BLOCK.search(p.read_text("utf-8")))


def blocks(page: pathlib.Path) -> list[str]:
    return _BLOCK.findall(page.read_text("utf-8"))


@pytest.fixture(autouse=True)
def _isolated_logging() -> object:
    """Pages configure logging; give each page a clean slate and restore it after."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.filters[:], root.level, logging.lastResort)
    manager = logging.Logger.manager
    before = set(manager.loggerDict)
    yield
    for name in set(manager.loggerDict) - before:
        logger = manager.loggerDict[name]
        if isinstance(logger, logging.Logger):
            logger.handlers.clear()
            logger.filters.clear()
    root.handlers[:], root.filters[:] = saved[0], saved[1]
    root.setLevel(saved[2])
    logging.lastResort = saved[3]
    for module in [m for m in sys.modules if m == "structlog"]:
        sys.modules[module].reset_defaults()


class TestDocsExamples:
    def test_docs_have_examples(self) -> None:
        """The guides carry runnable examples at all."""
        assert len(PAGES) >= 2

    @pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
    def test_page_examples_run(self, page: pathlib.Path) -> None:
        """Each page's python blocks run in order without error."""
        namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
        for index, code in enumerate(blocks(page)):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    exec(compile(code, f"{page.name}[block {index}]", "exec"), namespace)
                except Exception as exc:
                    pytest.fail(f"{page.name} block {index} failed: {exc!r}")
