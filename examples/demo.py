"""The README's demo: log a few (fake, freshly generated) secrets through real logging
setups and show what reaches the output.  Each integration adds a section."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).parent


def main() -> None:
    sections = sorted(HERE.glob("demo_*.py"))
    for path in sections:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        title = (module.__doc__ or path.stem).strip().splitlines()[0]
        print(f"\n=== {title} ===", flush=True)
        module.run()
    print(f"\n{len(sections)} demo sections ran.")


if __name__ == "__main__":
    sys.exit(main())
