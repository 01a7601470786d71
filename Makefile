# gikkit: two commands on a fresh machine, `make demo` and `make test`. `make help` lists the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= data
OUT    ?= exports

.DEFAULT_GOAL := help
.PHONY: help install system-deps demo test fuzz bench clean lab-venv lab

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

install: $(STAMP) ## create .venv and install gikkit with its test tools

system-deps: ## install the Debian packages the tests need (Chromium, CJK fonts, LibreOffice for .doc/.wps/.rtf)
	@if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 \
			|| ! command -v soffice >/dev/null 2>&1; then \
		echo "installing chromium, fonts-noto-cjk and libreoffice-writer-nogui (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk \
			libreoffice-writer-nogui >/dev/null; \
	fi

# JupyterLab lives in its own virtualenv: installed in .venv it would slow every notebook run
# (its imports add ~1 s to each kernel). The lab's frontend extensions (widgets, plotly, anywidget)
# are pinned to .venv's versions, and its kernels "gikkit" and "python3" run .venv's Python.
LAB_VENV  := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed-stamp

$(LAB_STAMP): $(STAMP)
	$(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install -q --upgrade pip
	$(LAB_VENV)/bin/python -m pip install -q "jupyterlab>=4.2,<5" \
		$$($(BIN)/python -m pip freeze | grep -iE '^(plotly|anywidget|jupyterlab[-_]widgets)==')
	$(BIN)/python -m ipykernel install --prefix $(LAB_VENV) --name gikkit --display-name "Python (gikkit)"
	$(BIN)/python -m ipykernel install --prefix $(LAB_VENV) --name python3 --display-name "Python 3 (gikkit)"
	touch $@

lab-venv: $(LAB_STAMP) ## create .venv-lab: JupyterLab, running notebooks on .venv's kernel

# As root (a container), JupyterLab refuses to start without --allow-root.
lab: $(LAB_STAMP) ## start JupyterLab on notebooks/ (kernel: .venv's Python with gikkit)
	$(LAB_VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

demo: $(STAMP) ## read every report in data/, export the site to exports/, print its path
	$(BIN)/gikkit export $(DATA) --out $(OUT)
	@echo "$(abspath $(OUT))/index.html"

test: $(STAMP) system-deps lab-venv ## run the whole test suite
	$(BIN)/python -m pytest -q

# The fuzz suite (tests/fuzz, hypothesis) runs briefly in `make test`; here each property runs
# again and again with fresh examples for FUZZ_SECONDS seconds (13 properties: 60 s each is ~15 min).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP) ## run the hypothesis fuzz suite for longer (FUZZ_SECONDS per property, default 60)
	FUZZ_SECONDS=$(FUZZ_SECONDS) HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz

bench: $(STAMP) ## run the benchmarks in benchmarks/
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove the virtualenvs (.venv, .venv-lab) and generated exports
	rm -rf $(VENV) $(LAB_VENV) $(OUT)/*.html $(OUT)/assets $(OUT)/reports $(OUT)/index $(OUT)/data $(OUT)/pdf $(OUT)/manifest.json
