# One entry point for setting up, serving, building and testing the site.
#   make serve   install pinned dependencies, build and serve with live reload
#   make test    install pinned dependencies (and Chromium), run the whole suite
# NOTES=<file or folder> (serve, build, lint, deploy): those notes, anywhere on
# disk, instead of notes/aws-notes.md. STRICT=1 (build, deploy): stop on warnings.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
ifneq ($(strip $(NOTES)),)
export NOTES_SOURCE := $(NOTES)
endif
STRICT_FLAG := $(if $(filter 1 yes true,$(STRICT)),--strict)

.PHONY: serve build test lint bench deploy clean clean-cache compare services

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: deps
deps: $(BIN)/.installed node_modules/.installed

# checkov, which scans deploy/template.yaml in the tests, gets its own venv: its pinned
# boto3/botocore conflict with the deploy tool's in requirements.txt.
IAC_VENV := .venv-iac
$(IAC_VENV)/.installed: requirements-iac.txt
	$(PYTHON) -m venv $(IAC_VENV)
	$(IAC_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-iac.txt
	touch $@

.PHONY: iac-deps
iac-deps: $(IAC_VENV)/.installed

# Chromium draws the diagrams and prints the PDF at build time (scripts/chromium.sh
# installs Debian's as root; otherwise it says what to run, and the build goes on).
.PHONY: chromium
chromium:
	@bash scripts/chromium.sh

# A preview always builds: warnings are shown, never fatal.
serve: deps chromium
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: deps chromium
	$(BIN)/mkdocs build $(STRICT_FLAG)

test: deps iac-deps
	bash tests/run.sh

# The notes' problems as file:line (exit 1 if any), without building the site.
lint: deps
	$(BIN)/python hooks/notes_lint.py

# Publish the freshly built site: make deploy BUCKET=<BucketName> DISTRIBUTION=<DistributionId> [DRY_RUN=1]
# (the stack's outputs; AWS credentials from the environment, see deploy/README.md).
# DRY_RUN=1 lists what would be uploaded, deleted and invalidated; without BUCKET
# (or without credentials) it plans offline, as for an empty bucket.
DRY := $(filter 1 yes true,$(DRY_RUN))
deploy: build
	@test -n "$(DRY)" || test -n "$(BUCKET)" -a -n "$(DISTRIBUTION)" || { echo "usage: make deploy BUCKET=<bucket> DISTRIBUTION=<distribution id> [DRY_RUN=1]" >&2; exit 2; }
	$(BIN)/python -m deploy --site site --bucket "$(or $(BUCKET),none)" --distribution "$(or $(DISTRIBUTION),none)" $(if $(DRY),--dry-run) $(if $(DRY),$(if $(BUCKET),,--offline))

clean:
	rm -rf site .cache $(VENV) $(IAC_VENV) node_modules

# Everything the build keeps between runs; always safe, the next build makes it again.
clean-cache:
	rm -rf .cache

# Benchmark (prints a table, writes bench-output/benchmark.json). Lighthouse is
# installed into bench/node_modules from bench/package.json, pinned.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: deps bench/node_modules/.installed
	$(BIN)/python bench/benchmark.py

# Build the site at BASE (a git revision, default HEAD) and from the working
# tree, and list every file that differs: a refactoring should list none.
compare: deps
	$(BIN)/python bench/compare_builds.py $(BASE)

# Regenerate docs/_data/services/services.yml (every AWS service) from the
# pinned aws-icons (npm), botocore and diagrams packages.
services: deps
	$(BIN)/python docs/_data/services/generate.py
