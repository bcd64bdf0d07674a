# Translation memory (SQLite: [memory] path, else memory.sqlite in [write] out_dir, here out/) and TMX 1.4.
# TMX=file.tmx picks the file to write or read; units from CAT tools are stored as human entries
# (keyed by language pair only, preferred over MT); ORIGIN=mt MODEL=id stores an MT memory.

# TMX: the file tm-export writes (default memory.tmx beside MEMORY when that is given, so an
# export of out/demo/memory.sqlite stays in out/demo; else out/memory.tmx) and tm-import reads
# (no default: importing a memory's own export back is never what was meant).
TMX ?=
MEMORY ?=
MEMORY_FLAG = $(if $(MEMORY),--memory "$(MEMORY)")
TMX_FILE = $(if $(TMX),$(TMX),$(if $(MEMORY),$$(dirname "$(MEMORY)")/memory.tmx,out/memory.tmx))
# On failure without MEMORY=, say how a make user names another run's memory (mtpipe's own
# message names the --memory flag).
TM_HINT = $(if $(MEMORY),,|| { rc=$$?; echo "make $@: name another run's memory with MEMORY=DIR/memory.sqlite (make demo's: MEMORY=out/demo/memory.sqlite)" >&2; exit $$rc; })

.PHONY: tm-stats tm-export tm-import

tm-stats: $(STAMP)  ## entries per model and pair of the memory out/memory.sqlite (MEMORY=out/demo/memory.sqlite: make demo's)
	$(MTPIPE) tm stats $(MEMORY_FLAG) $(TM_HINT)

tm-export: $(STAMP)  ## export the memory (MEMORY=, default out/memory.sqlite) as TMX 1.4 (TMX=, default memory.tmx beside it)
	$(MTPIPE) tm export $(MEMORY_FLAG) "$(TMX_FILE)" $(TM_HINT)

tm-import: $(STAMP)  ## import TMX=file.tmx into the memory (MEMORY=, default out/memory.sqlite; ORIGIN=mt MODEL=id: as MT)
	$(if $(TMX),,$(error give the TMX file to import: make tm-import TMX=FILE))
	$(MTPIPE) tm import $(MEMORY_FLAG) "$(TMX)" $(if $(ORIGIN),--origin $(ORIGIN)) $(if $(MODEL),--model $(MODEL))
