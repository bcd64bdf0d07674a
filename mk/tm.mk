# Translation memory (SQLite at [memory] path, pipeline/defaults/pipeline.toml) and TMX 1.4 interchange.
# TMX=file.tmx picks the file to write or read; units from CAT tools are stored as human entries
# (keyed by language pair only, preferred over MT); ORIGIN=mt MODEL=id stores an MT memory.

TMX ?= out/memory.tmx

.PHONY: tm-stats tm-export tm-import

tm-stats: $(STAMP)  ## entries per model and pair of out/memory.sqlite (make demo's memory is out/demo/memory.sqlite)
	$(MTPIPE) tm stats

tm-export: $(STAMP)  ## export the memory out/memory.sqlite as TMX 1.4 (TMX=out/memory.tmx)
	$(MTPIPE) tm export $(TMX)

tm-import: $(STAMP)  ## import TMX=file.tmx into the memory out/memory.sqlite (ORIGIN=mt MODEL=id: as MT)
	$(MTPIPE) tm import $(TMX) $(if $(ORIGIN),--origin $(ORIGIN)) $(if $(MODEL),--model $(MODEL))
