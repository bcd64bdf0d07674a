# Gettext catalogs (Babel). The .po files in pipeline/locale are the source of truth and
# are committed; the .mo files are build outputs (gitignored). Code reads the .po directly
# when a .mo is missing or stale, so only the site bundle / gettext users gain from these.

CATALOG_PO := $(wildcard pipeline/locale/*/LC_MESSAGES/*.po)
CATALOG_MO := $(CATALOG_PO:.po=.mo)

.PHONY: catalogs catalogs-extract catalogs-update catalogs-check catalogs-stats

catalogs: $(STAMP) $(CATALOG_MO)  ## compile gettext catalogs .po -> .mo (only those that changed)

# One run compiles every stale catalog (mtpipe skips the up-to-date ones).
ifneq ($(CATALOG_MO),)
$(CATALOG_MO) &: $(CATALOG_PO) $(STAMP)
	$(MTPIPE) catalogs compile
	@touch -c $(CATALOG_MO)
endif

catalogs-extract: $(STAMP)  ## extract msgids from code and templates into messages.pot
	$(MTPIPE) catalogs extract

catalogs-update: catalogs-extract  ## extract, then merge the templates into every locale's .po
	$(MTPIPE) catalogs update

catalogs-check: $(STAMP)  ## fail on missing/fuzzy entries, placeholder or plural errors
	$(MTPIPE) catalogs check

catalogs-stats: $(STAMP)  ## per-locale translated / fuzzy / missing counts
	$(MTPIPE) catalogs stats
