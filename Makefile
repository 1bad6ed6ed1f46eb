# Two entry points for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export STODKOLLEN_HOME ?= $(CURDIR)/.stodkollen

.PHONY: run test install model ingest browser lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: this takes the local CPU wheel instead of gigabytes of CUDA.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/python -m index.provision_cli

ingest: model
	$(BIN)/stodkollen ingest

run: ingest
	$(BIN)/stodkollen serve

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: install browser
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q
	$(BIN)/stodkollen eval --gate --report eval/last-report.md
	$(BIN)/stodkollen eval --corpus eval/pages/dev --retriever hybrid --gate --report eval/last-report-dev.md

eval: install
	$(BIN)/stodkollen eval --report eval/RESULTS.md
	$(BIN)/stodkollen eval --questions eval/questions_reworded.jsonl --report eval/RESULTS-reworded.md
	$(BIN)/stodkollen eval --corpus eval/pages/dev --report eval/RESULTS-dev.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout --report eval/RESULTS-heldout.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout2 --report eval/RESULTS-heldout2.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout3 --report eval/RESULTS-heldout3.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout4 --report eval/RESULTS-heldout4.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout5 --report eval/RESULTS-heldout5.md
	$(BIN)/stodkollen eval --corpus eval/pages/heldout6 --report eval/RESULTS-heldout6.md
	$(BIN)/python -m eval.side_by_side

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .stodkollen
