# Translation memory (SQLite at [memory] path, pipeline/defaults/pipeline.toml) and TMX 1.4 interchange.
# TMX=file.tmx picks the file to write or read; units from CAT tools are stored as human entries
# (keyed by language pair only, preferred over MT); ORIGIN=mt MODEL=id stores an MT memory.

TMX ?= out/memory.tmx

.PHONY: tm-stats tm-export tm-import

tm-stats: $(STAMP)  ## translation memory entries per model and language pair
	$(MTPIPE) tm stats

tm-export: $(STAMP)  ## export the translation memory as TMX 1.4 (TMX=out/memory.tmx)
	$(MTPIPE) tm export $(TMX)

tm-import: $(STAMP)  ## import TMX=file.tmx into the translation memory
	$(MTPIPE) tm import $(TMX) $(if $(ORIGIN),--origin $(ORIGIN)) $(if $(MODEL),--model $(MODEL))
