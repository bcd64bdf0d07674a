# Translation memory (SQLite: [memory] path, else memory.sqlite in [write] out_dir, here out/) and TMX 1.4.
# TMX=file.tmx picks the file to write or read; units from CAT tools are stored as human entries
# (keyed by language pair only, preferred over MT); ORIGIN=mt MODEL=id stores an MT memory.

TMX ?= out/memory.tmx
MEMORY ?=
MEMORY_FLAG = $(if $(MEMORY),--memory "$(MEMORY)")

.PHONY: tm-stats tm-export tm-import

tm-stats: $(STAMP)  ## entries per model and pair of the memory out/memory.sqlite (MEMORY=out/demo/memory.sqlite: make demo's)
	$(MTPIPE) tm stats $(MEMORY_FLAG)

tm-export: $(STAMP)  ## export the memory (MEMORY=, default out/memory.sqlite) as TMX 1.4 (TMX=out/memory.tmx)
	$(MTPIPE) tm export $(MEMORY_FLAG) "$(TMX)"

tm-import: $(STAMP)  ## import TMX=file.tmx into the memory (MEMORY=, default out/memory.sqlite; ORIGIN=mt MODEL=id: as MT)
	$(MTPIPE) tm import $(MEMORY_FLAG) "$(TMX)" $(if $(ORIGIN),--origin $(ORIGIN)) $(if $(MODEL),--model $(MODEL))
