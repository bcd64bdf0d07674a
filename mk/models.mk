# Translation models. `make models` fetches Helsinki-NLP/opus-mt-it-en and -it-fr at the
# revisions in pipeline/defaults/models.toml (pin them there) (needs huggingface.co), then converts them to
# CTranslate2 for the fast backend when ctranslate2 is installed (pip install '.[fast]').
# CT2_QUANT=int8 suits CPUs (it also runs as int8_float16 on CUDA); float16 for GPU-only use.

MODEL_PAIRS ?= it-en it-fr
CT2_QUANT   ?= int8

.PHONY: models models-fetch models-convert models-list

models: models-fetch models-convert  ## fetch the opus-mt models (registry revisions) and convert them to CTranslate2

models-fetch: $(STAMP)  ## download the registry models into models/ with huggingface_hub
	$(MTPIPE) models fetch $(MODEL_PAIRS)

models-convert: $(STAMP)  ## convert fetched models to CTranslate2 (skipped without ctranslate2)
	@if $(PY) -c 'import ctranslate2' 2>/dev/null; then \
		$(MTPIPE) models convert $(MODEL_PAIRS) --quantization $(CT2_QUANT); \
	else \
		echo "models: ctranslate2 is not installed (pip install '.[fast]'); skipping the conversion, the transformers backend works without it"; \
	fi

models-list: $(STAMP)  ## registered models and whether they are present
	$(MTPIPE) models list
