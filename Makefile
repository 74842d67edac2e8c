# The two commands of the README: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test chromium lint screenshot clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: set up, question the bundled dataset, draw it as a page and write a briefing in output/
demo: $(STAMP)
	$(BIN)/actorgraph summary
	@echo
	$(BIN)/actorgraph influenced-by "Green Zone"
	@echo
	$(BIN)/actorgraph render
	$(BIN)/actorgraph brief

## test: set up (Debian's Chromium included, for the browser tests), then run every test
test: $(STAMP) chromium
	$(BIN)/python -m pytest

## chromium: the browser tests drive Debian's /usr/bin/chromium (never a downloaded browser),
## and print briefings to pages with pdftoppm (poppler-utils) in Times-metric fonts (fonts-liberation)
LIBERATION := /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf
chromium:
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftoppm -a -e $(LIBERATION) || { \
	  echo "installing Debian's chromium, poppler-utils and fonts-liberation for the browser tests"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium poppler-utils fonts-liberation || \
	  { $(SUDO) apt-get update -q && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium poppler-utils fonts-liberation; }; }

## screenshot: remake docs/screenshot.png from the seed dataset
screenshot: $(STAMP) chromium
	$(BIN)/python scripts/screenshot.py

lint: $(STAMP)
	$(BIN)/ruff check graph tests scripts cli.py
	$(BIN)/ruff format --check graph tests scripts cli.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
