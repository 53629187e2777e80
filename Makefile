# One entry point for setting up, serving, building and testing the site.
#   make serve   install pinned dependencies, build and serve with live reload
#   make test    install pinned dependencies (and Chromium), run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint bench deploy clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: deps
deps: $(BIN)/.installed node_modules/.installed

serve: deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: deps
	$(BIN)/mkdocs build --strict

test: deps
	bash tests/run.sh

clean:
	rm -rf site $(VENV) node_modules
