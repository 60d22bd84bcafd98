# Two commands matter: `make run` starts the twin, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench bench-degraded clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Ctrl-C is how the twin is stopped: its exit code 130 is not a failure of `make run` (the shell
# traps INT to outlive the twin and report 0; the twin itself gets Ctrl-C as usual).
run: $(STAMP)
	@trap : INT; $(BIN)/twin run || [ $$? -eq 130 ]

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.degraded_hits
	$(BIN)/python -m bench

bench-degraded: $(STAMP)
	$(BIN)/python -m bench.degraded_hits

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
