# The two commands of the README: `make demo` and `make test`. Both create .venv with
# nothing but python3 and install the project (editable, all extras, dev tools) once;
# later runs only reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.logredact-installed

.PHONY: demo test test-versions lint typecheck unit docs bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[all,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/demo.py

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks examples docs/gen_rules.py
	$(VENV)/bin/ruff format --check src tests benchmarks examples docs/gen_rules.py

typecheck: $(STAMP)
	$(VENV)/bin/mypy --strict src

unit: $(STAMP)
	$(PY) -m pytest

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet --site-dir build/site

test: lint typecheck unit docs

# The suite on every other CPython >= 3.10 this machine has (pyenv's, as on the
# workplace's machines), each in its own venv under build/; skipped where none is.
PYENV_ROOT ?= $(HOME)/.pyenv
OTHER_PYTHONS := $(wildcard $(PYENV_ROOT)/versions/3.10.*/bin/python $(PYENV_ROOT)/versions/3.12.*/bin/python $(PYENV_ROOT)/versions/3.13.*/bin/python)

test-versions:
	@if [ -z "$(OTHER_PYTHONS)" ]; then echo "test-versions: no other Python found, skipped"; fi
	@set -e; for py in $(OTHER_PYTHONS); do \
		v=$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
		env=build/venv-$$v; \
		echo "== Python $$v"; \
		test -x $$env/bin/python || $$py -m venv $$env; \
		$$env/bin/python -m pip install --quiet --disable-pip-version-check -e '.[all,dev]'; \
		HYPOTHESIS_PROFILE=dev $$env/bin/python -m pytest -q -p no:cacheprovider; \
	done

# The peers of benchmarks/requirements.txt, one by one: one that does not install must
# not stop `make bench` (its table row says it is missing).  `make bench BENCH_ARGS=--quick`
# is the < 1 min smoke run.
BENCH_STAMP := $(VENV)/.logredact-bench-peers
BENCH_ARGS ?=

$(BENCH_STAMP): $(STAMP) benchmarks/requirements.txt
	@sed -e 's/#.*//' -e '/^[[:space:]]*$$/d' benchmarks/requirements.txt | while read -r req; do \
		echo "bench: pip install $$req"; \
		$(PY) -m pip install --quiet --disable-pip-version-check "$$req" \
			|| echo "bench: $$req did not install; the table reports it missing" >&2; \
	done
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) benchmarks/bench_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
