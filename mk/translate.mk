# Batch translation. `make translate` translates every article under $(IN) into $(OUT);
# mtpipe skips articles whose input, settings and models did not change (a build key in
# each document JSON), and loads each model once per run rather than once per file.

IN      ?= examples
OUT     ?= out
TARGETS ?= en,fr
# MODELS=opus: the Helsinki-NLP models fetched by `make models` into models/.
# MODELS=tiny: tiny random models built locally for offline smoke runs; their output is noise.
MODELS  ?= opus

TINY_MODEL_DIRS  := models/tiny-it-en models/tiny-it-fr
TINY_MODEL_FLAGS := --model-dir it-en=models/tiny-it-en --model-dir it-fr=models/tiny-it-fr
TINY_MODEL_DEPS  := $(addsuffix /config.json,$(TINY_MODEL_DIRS))
ifeq ($(MODELS),tiny)
MODEL_FLAGS := $(TINY_MODEL_FLAGS)
MODEL_DEPS  := $(TINY_MODEL_DEPS)
endif

.PHONY: translate demo tiny-models

# Converted to CTranslate2 too, so the default backend (auto) takes the fast path, as it
# does for real models after `make models`.
models/tiny-%/config.json: | $(STAMP)
	$(MTPIPE) models build-tiny models/tiny-$* --pair $*
	$(MTPIPE) models convert models/tiny-$*

tiny-models: $(TINY_MODEL_DEPS)  ## build the tiny random offline models (noise)

# RUNNER=ray runs the batch on Ray (a local instance, or RAY_ADDRESS=auto|ray://HOST:10001).
RUNNER      ?= local
RAY_ADDRESS ?=
RUNNER_FLAGS := --runner $(RUNNER) $(if $(RAY_ADDRESS),--ray-address $(RAY_ADDRESS))

translate: setup $(MODEL_DEPS)  ## translate every article in IN=dir (default examples) into OUT=dir (default out) (TARGETS=en,fr MODELS=opus|tiny RUNNER=local|ray)
	$(MTPIPE) translate "$(IN)" --to $(TARGETS) --out "$(OUT)" $(MODEL_FLAGS) $(RUNNER_FLAGS)

# Not a recursive `$(MAKE) translate MODELS=tiny`: a sub-make does not inherit `-o` (GNU make
# passes neither -o nor -W down), so `make -o .venv/.installed demo` reinstalled the package.
demo: setup $(TINY_MODEL_DEPS)  ## offline main job: set up, translate the sample into en+fr with the tiny model (noise)
	@echo "demo: translating with tiny random models (no hub access needed); the English and French text is noise."
	@echo "demo: for real translations run 'make models' (needs huggingface.co), then 'make translate'."
	$(MTPIPE) translate examples --to $(TARGETS) --out out/demo $(TINY_MODEL_FLAGS) $(RUNNER_FLAGS)
