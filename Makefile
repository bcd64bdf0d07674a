# mtpipe — batch entry points. `make help` lists the targets.
# Stage-specific targets live in mk/*.mk and are included below.

PYTHON   ?= python3
VENV     ?= .venv
PY       := $(VENV)/bin/python
PIP      := $(PY) -m pip
CONFIG   ?= configs/pipeline.toml
MTPIPE   := $(VENV)/bin/mtpipe --config "$(CONFIG)"
STAMP    := $(VENV)/.installed
SHARED   ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help setup test lint format demo clean

help:  ## list targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[fast,bench,dev,ray]'
	touch $@

setup: $(STAMP) catalogs  ## create .venv, install mtpipe with torch pinned, compile catalogs

# One module per worker (its module fixtures are made once); the slowest modules start first
# (tests/conftest.py SLOW_MODULES_FIRST, kept by --no-loadscope-reorder); the slowest ten are
# printed at the end of every run. Bytecode is cached (in the git-ignored __pycache__ folders)
# even where PYTHONDONTWRITEBYTECODE is set: without it each worker re-rewrote the asserts of
# every test module (collection 10.6 s instead of 3.2 s) and each of the suite's subprocesses
# compiled mtpipe again.
test: setup  ## run the whole test suite (offline, tiny model)
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder --durations=10

lint:  $(STAMP) ## ruff check + format check
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/ruff format --check pipeline tests bench

format: $(STAMP)  ## apply ruff format and fixes
	$(VENV)/bin/ruff check --fix pipeline tests bench
	$(VENV)/bin/ruff format pipeline tests bench

clean:  ## remove outputs (keeps .venv, models, every translation memory, TMX and post-editing files .xlf/.xliff/.po: human work)
	if [ -d out ]; then find out ! -type d ! -name 'memory.sqlite*' ! -name '*.tmx' ! -name '*.xlf' ! -name '*.xliff' ! -name '*.po' ! -path '*/postedit/*' -delete; \
	  find out -mindepth 1 -type d -empty -delete; fi
	rm -rf site test-artifacts

include $(sort $(wildcard mk/*.mk))

# A path variable that starts with `~` (`make translate OUT='~/news'`, `OUT ?= ~/news` in a
# wrapper, any make whose recipes run under sh): no shell expands it inside the recipes'
# quotes, and the outputs went into a folder named `~` in the checkout (which `rm -rf ~`
# would then "clean up"). Expanded here to $(HOME), as mtpipe's own path flags do.
home_path = $(if $(filter ~ ~/%,$(firstword $(1))),$(HOME)$(patsubst ~%,%,$(1)),$(1))
$(foreach v,IN OUT SITE_INPUT SITE_DOCS SITE_OUT TMX MEMORY POSTEDIT_DIR CONFIG,$(eval override $(v) := $$(call home_path,$$($(v)))))
