# Two commands: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DEMO_DB ?= demo.db

.PHONY: demo test lint typecheck pytest clean-demo train train-geo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# pip 23's resolver trips over lxml[html-clean] (see ../shared/NOTES.md): upgrade pip first.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $(STAMP) $@

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/sitreps ingest samples --db $(DEMO_DB)
	$(BIN)/sitreps events --db $(DEMO_DB) --table

test: $(DEV_STAMP) lint typecheck pytest

# Rebuild the shipped sentence classifier from src/sitreps/data/train (deterministic).
train: $(DEV_STAMP)
	$(BIN)/python -m sitreps.extract.train

# Rebuild the geo stage's toponym classifier and event-place picker (deterministic; reads
# ../shared/train/wotr_toponyms and ../shared/eval/event-location by path; tens of minutes).
train-geo: $(DEV_STAMP)
	$(BIN)/python -m sitreps.geo.train toponyms
	$(BIN)/python -m sitreps.geo.train events

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest -q

clean-demo:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
