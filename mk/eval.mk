# Eval gate (issue 14.5): $(EVAL_SET) it->en and it->fr from $(SHARED)/data through the whole
# pipeline (read, segment, translate, localise) and as plain sentence-level MT, scored with
# sacrebleu and compared with the published scores in pipeline/defaults/models.toml. With the opus-mt
# models present (`make models`) the gate fails when the pipeline loses more than 1 BLEU or
# 1 chrF against the published score or the sentence-level run.
# Without them (the hub is unreachable on this project's machines) it says so and runs the same
# path on the first EVAL_TINY_LINES lines with the tiny random models: noise, gate skipped.
# EVAL_FLAGS passes extra `mtpipe eval` options (--backend, --beams, --comet-model PATH).
# The last line sums up per pair: gate passed, skipped (tiny models: exit 0, the scores are
# noise) or failed (exit 5, or the error's exit code); make exits non-zero only for a failure.

EVAL_SET        ?= newstest2009
EVAL_PAIRS      ?= it-en it-fr
EVAL_TINY_LINES ?= 200
EVAL_FLAGS      ?=

.PHONY: eval

eval: $(STAMP)  ## eval gate: pipeline vs sentence-level vs published BLEU/chrF on newstest2009
	@status=0; passed=; skipped=; failed=; for pair in $(EVAL_PAIRS); do \
	  src=$${pair%-*}; tgt=$${pair#*-}; \
	  set -- --pair $$pair --src "$(SHARED)/data/$(EVAL_SET)/$(EVAL_SET).$$src" \
	         --ref "$(SHARED)/data/$(EVAL_SET)/$(EVAL_SET).$$tgt" $(EVAL_FLAGS); \
	  if [ -f models/opus-mt-$$pair/config.json ]; then \
	    echo "eval: $$pair with models/opus-mt-$$pair"; \
	  else \
	    echo "eval: models/opus-mt-$$pair is missing (make models needs huggingface.co):" \
	         "running the tiny random model on the first $(EVAL_TINY_LINES) lines;" \
	         "its scores are noise and the gate is skipped"; \
	    test -f models/tiny-$$pair/config.json \
	      || $(MTPIPE) models build-tiny models/tiny-$$pair --pair $$pair || exit 1; \
	    set -- "$$@" --model-dir models/tiny-$$pair --limit $(EVAL_TINY_LINES); \
	  fi; \
	  rc=0; report=$$($(MTPIPE) eval "$$@") || rc=$$?; printf '%s\n' "$$report"; \
	  case "$$rc:$$report" in \
	    0:*"gate: skipped"*) skipped="$$skipped $$pair";; \
	    0:*"gate: passed"*) passed="$$passed $$pair";; \
	    5:*) status=5; failed="$$failed $$pair";; \
	    *) status=$$rc; failed="$$failed $$pair(error, exit $$rc)";; \
	  esac; \
	done; \
	echo "eval: gate passed for:$${passed:- none}; skipped (tiny random models, scores are noise)" \
	     "for:$${skipped:- none}; failed for:$${failed:- none}"; \
	exit $$status
