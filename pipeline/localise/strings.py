"""Msgids the pipeline needs in the ``messages`` domain, declared so extraction keeps them.

Two families live here: the WordPress comment-form chrome that readers recognise
in scraped pages (real WordPress core msgids and contexts, so WordPress's own
translations apply), and the strings the site bundle renders. The templates use
the same msgids; declaring them here too means ``mtpipe catalogs extract`` never
marks them obsolete while the templates are being written or changed.

The markers return their arguments unchanged; ``EXTRACT_KEYWORDS`` tells Babel's
extractor how to read them.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction (gettext_noop)."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` with ``context`` for extraction (pgettext_noop)."""
    return context, message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (ngettext_noop)."""
    return singular, plural


# Babel keyword specs for the markers above, on top of Babel's defaults.
EXTRACT_KEYWORDS = {"N_": None, "NC_": ((1, "c"), 2), "NP_": (1, 2)}

# WordPress core: comment form and post meta, as they appear on scraped pages.
WORDPRESS = (
    # TRANSLATORS: WordPress comment form heading, shown above the form.
    N_("Leave a Reply"),
    N_("Your email address will not be published."),
    # TRANSLATORS: %s is the required-field marker, usually *.
    N_("Required fields are marked %s"),
    # TRANSLATORS: WordPress comment form submit button.
    N_("Post Comment"),
    N_("Cancel reply"),
    NC_("noun", "Comment"),
    # TRANSLATORS: a link under a post's excerpt to its comment form (Italian themes'
    # "Commenta"), beside "Read more": the imperative, not the noun.
    NC_("verb", "Comment"),
    # TRANSLATORS: a link under a post's excerpt to its comments, without their number.
    N_("Comments"),
    # TRANSLATORS: %s is the author's name as the page writes it, never translated: an
    # article's byline under its headline (WordPress core's Latest Posts block wording).
    N_("by %s"),
    # TRANSLATORS: %s is the editor's name as the page writes it, never translated: an
    # editor's credit under a headline (Italian "a cura di"; French publishing's "sous la
    # direction de"), lower case as "by %s" is (the page's case is kept).
    N_("edited by %s"),
    # TRANSLATORS: two authors' names in a byline, never translated, joined by "and"
    # (WordPress core's wp_sprintf_l "%1$s and %2$s", for a list of only two items).
    N_("%s and %s"),
    N_("Categories"),
    N_("Name"),
    N_("Email"),
    N_("Website"),
    N_("Save my name, email, and website in this browser for the next time I comment."),
    # TRANSLATORS: a link or button to the rest of an article (WordPress's "Read More" block,
    # a theme's "Continue reading"), as the readers find it after an excerpt.
    N_("Read more"),
    # TRANSLATORS: links between the pages of a list of posts (WordPress's posts navigation):
    # "Older posts" leads to the next page of the list, "Newer posts" back to the one before.
    N_("Older posts"),
    N_("Newer posts"),
    N_("Posts navigation"),
    # TRANSLATORS: %s is the number of a page of a list of posts, in the browser's title.
    N_("Page %s"),
)

# Site bundle (pipeline/templates): navigation, language switcher, article meta.
SITE = (
    N_("Home"),
    N_("Articles"),
    N_("Language"),
    N_("Italian"),
    N_("English"),
    N_("French"),
    # TRANSLATORS: %(language)s is a language name, e.g. English.
    N_("Read this article in %(language)s"),
    # TRANSLATORS: %(date)s is a date already formatted for the locale.
    N_("Published on %(date)s"),
    NP_("%(num)d Comment", "%(num)d Comments"),
    N_("This article was machine-translated and may contain errors."),
    N_("Skip to content"),
    N_("Other languages"),
    N_("Automatic checks found problems in this translation; it may be inaccurate."),
    N_(
        "This is a demo: the translation comes from a tiny random test model and its text is noise."
    ),
)

# Ad labels a scraped page keeps between paragraphs once its ad is gone (an ad plugin's
# "Pubblicità", "ADV", "Continua a leggere dopo la pubblicità"): chrome, never MT; the
# readers know their wordings by pattern (pipeline.localise.chrome._AD_LABELS).
ADS = (
    # TRANSLATORS: the label over an ad slot in an article ("Pubblicità", "Publicité").
    N_("Advertisement"),
    # TRANSLATORS: a line over an ad slot in an article, saying the text goes on below it.
    N_("Continue reading after the advertisement"),
    # TRANSLATORS: the label over a sponsored box in an article ("Contenuto sponsorizzato").
    N_("Sponsored content"),
)

# A theme's post meta under the headline, besides "Published on %(date)s" (SITE): the
# readers match it in page text, the date written in each language's long form and the
# time in its short one (CLDR), a name as the page writes it.
POST_META = (
    # TRANSLATORS: %(date)s is the date the post was last updated on.
    N_("Updated on %(date)s"),
    # TRANSLATORS: %(date)s is a date, %(time)s a time of day, both formatted for the locale.
    N_("Published on %(date)s at %(time)s"),
    N_("Updated on %(date)s at %(time)s"),
    # TRANSLATORS: %(author)s is the author's name as the page writes it, never translated.
    N_("Published by %(author)s on %(date)s"),
    # TRANSLATORS: a label and its date, as some themes write the post meta.
    N_("Published: %(date)s"),
    N_("Updated: %(date)s"),
)

# A news page's furniture around the article, as themes and plugins word it (page text).
FURNITURE = (
    # TRANSLATORS: WordPress themes' links to the post before and after this one (Twenty
    # Seventeen's msgids, without context, so a site's imported file agrees with them).
    N_("Previous Post"),
    N_("Next Post"),
    # TRANSLATORS: an audio player's label over an article (a text-to-speech plugin).
    N_("Listen to this article"),
    # TRANSLATORS: %(num)d is a number of minutes, the time the article takes to read.
    NP_("Reading time: %(num)d minute", "Reading time: %(num)d minutes"),
    # TRANSLATORS: a link at the foot of a page back to its top.
    N_("Back to top"),
)

# Bylines as papers set them, besides "by %s" (WORDPRESS): the words around the name come
# from here, the name is kept as written (pipeline.protect.spans.byline_spans).
BYLINES = (
    # TRANSLATORS: %s is the writer's name, never translated ("Testo di Mario Rossi").
    N_("Text by %s"),
    # TRANSLATORS: %s is the name of who wrote the text and took the photos.
    N_("Text and photos by %s"),
    # TRANSLATORS: %s is the reporter's name: a paper's own reporter sent to the place
    # ("dal nostro inviato Mario Rossi"; French "de notre envoyé spécial").
    N_("From our special correspondent %s"),
    NC_("female", "From our special correspondent %s"),
)
