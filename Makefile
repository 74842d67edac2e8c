# The two commands of the README: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: set up, then answer the seed story's questions on the bundled dataset
demo: $(STAMP)
	$(BIN)/actorgraph summary
	@echo
	$(BIN)/actorgraph influenced-by "Green Zone"

## test: set up, then run the whole test suite (doctests included)
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check graph tests cli.py
	$(BIN)/ruff format --check graph tests cli.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
