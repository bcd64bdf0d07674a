# Localised static site. `make site` translates the sample and bundles it into $(SITE_OUT).
# Offline by default: SITE_MODELS=tiny builds tiny random models, whose output is noise.
# Real translations: `make models` (needs huggingface.co), then `make site SITE_MODELS=opus`,
# or name model folders yourself: SITE_MODELS="--model-dir it-en=DIR --model-dir it-fr=DIR".

SITE_INPUT  ?= examples/kim-belousov.it.txt
SITE_DOCS   ?= out/site-docs
SITE_OUT    ?= site
SITE_MODELS ?= tiny

ifeq ($(SITE_MODELS),tiny)
SITE_MODEL_FLAGS := --model-dir it-en=models/tiny-it-en --model-dir it-fr=models/tiny-it-fr
SITE_MODEL_DEPS  := models/tiny-it-en/config.json models/tiny-it-fr/config.json
else ifeq ($(SITE_MODELS),opus)
SITE_MODEL_FLAGS :=
SITE_MODEL_DEPS  :=
else ifeq ($(filter --%,$(firstword $(SITE_MODELS))),)
# `SITE_MODELS=bogus` reached mtpipe as an argument ("unrecognized arguments: bogus")
SITE_MODEL_FLAGS = $(error make site: SITE_MODELS=$(SITE_MODELS) is not tiny, opus or mtpipe flags such as "--model-dir it-en=DIR --model-dir it-fr=DIR")
SITE_MODEL_DEPS  :=
else
SITE_MODEL_FLAGS := $(SITE_MODELS)
SITE_MODEL_DEPS  :=
endif

.PHONY: site serve-site

# SITE_DOCS is emptied on every run (documents of an earlier input would join the site), so
# it must be new, empty, or hold only what `make site` writes there (SITE_DOCS_MARK, and
# what `mtpipe translate` writes: documents ID.json (schema mtpipe.article), their outputs
# ID.* and the memory): never a folder of yours (`SITE_DOCS=.` removed the checkout), and
# never one where you put files since (a post-editing export in SITE_DOCS/postedit was
# removed without a word, and so were post-editing files exported beside a document:
# ID.LANG.xlf/.xliff/.po, or a TMX/CSV). An ID with a dot is not recognised (refused: the
# safe side). SITE_DOCS and SITE_OUT may not be or hold one another (`SITE_OUT=out` would
# replace out/site-docs with the site; SITE_DOCS=site/docs would be emptied by the bundle).
SITE_DOCS_MARK := .make-site-docs
site_docs_only = (cd "$(1)" 2>/dev/null && for f in * .[!.]*; do [ -e "$$f" ] || continue; \
  case "$$f" in $(SITE_DOCS_MARK)|memory.sqlite|memory.sqlite-*) continue;; \
  *.xlf|*.xliff|*.po|*.tmx|*.csv) exit 1;; esac; [ -f "$$f" ] \
  && grep -qs '"schema": *"mtpipe.article"' "$${f%%.*}.json" || exit 1; done)

# SITE_OUT is replaced by `mtpipe bundle` only when it is new, an empty folder or an earlier
# site (its _report.json says "generator": "mtpipe bundle"; pipeline.bundle.output), and the
# bundle is the last step: `SITE_OUT=README.md` emptied SITE_DOCS and translated first. Said
# here, naming SITE_OUT, before anything is removed or written.
site_out_replaceable = o="$(1)"; why=; \
  if [ -L "$$o" ]; then why="is a symbolic link"; \
  elif [ -e "$$o" ] && [ ! -d "$$o" ]; then why="exists and is not a folder"; \
  elif [ -n "$$(ls -A "$$o" 2>/dev/null)" ] \
    && ! grep -qs '"generator": *"mtpipe bundle"' "$$o/_report.json"; then \
    why="holds files that mtpipe bundle did not write (no _report.json of an earlier site)"; fi; \
  [ -z "$$why" ] || { echo "make site: SITE_OUT=$(1) $$why, and the site replaces it whole; nothing was changed; give a new or empty folder, or an earlier site" >&2; exit 2; }

# models/tiny-%/config.json is built by the pattern rule in mk/translate.mk.
site: setup $(SITE_MODEL_DEPS)  ## translate the sample (SITE_MODELS=tiny|opus) and build the localised site in SITE_OUT=site
	$(if $(strip $(SITE_DOCS)),,$(error make site: SITE_DOCS is empty; give a folder for the translated documents))
	@if [ -L "$(SITE_DOCS)" ]; then \
	  echo "make site: SITE_DOCS=$(SITE_DOCS) is a symbolic link, and it is emptied on every run; give a real folder" >&2; exit 2; fi
	@d=$$(realpath -m -- "$(SITE_DOCS)") && o=$$(realpath -m -- "$(SITE_OUT)") \
	  && case "$$d/" in "$${o%/}/"*) false;; esac && case "$$o/" in "$${d%/}/"*) false;; esac \
	  || { echo "make site: SITE_DOCS=$(SITE_DOCS) and SITE_OUT=$(SITE_OUT) overlap: the site folder is replaced and the documents folder emptied on every run, so neither may be or hold the other; give two separate folders" >&2; exit 2; }
	@if [ -e "$(SITE_DOCS)" ] \
	  && [ -n "$$(ls -A "$(SITE_DOCS)" 2>/dev/null || echo file)" ] \
	  && ! $(call site_docs_only,$(SITE_DOCS)); then \
	  echo "make site: SITE_DOCS=$(SITE_DOCS) holds files make site did not write, and it is emptied on every run; choose a new or empty folder (or, if it is yours to lose, remove it: rm -r $(SITE_DOCS))" >&2; exit 2; fi
	@$(call site_out_replaceable,$(SITE_OUT))
	rm -rf "$(SITE_DOCS)"
	mkdir -p "$(SITE_DOCS)" && touch "$(SITE_DOCS)/$(SITE_DOCS_MARK)"
	$(MTPIPE) translate "$(SITE_INPUT)" --to en,fr --out "$(SITE_DOCS)" $(SITE_MODEL_FLAGS) --quiet
	$(MTPIPE) bundle "$(SITE_DOCS)" --out "$(SITE_OUT)"
ifeq ($(SITE_MODELS),tiny)
	@echo "site: the English and French text is noise from tiny random models (offline demo)."
	@echo "site: for real translations run 'make models' (needs huggingface.co), then 'make site SITE_MODELS=opus'."
endif

serve-site:  ## serve SITE_OUT on http://127.0.0.1:8000/ (after `make site`)
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory "$(SITE_OUT)"
