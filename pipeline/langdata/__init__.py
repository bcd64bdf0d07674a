"""Language data every stage reads: the gettext catalogs (:mod:`.catalogs`, their domains
and placeholder grammar, :mod:`.placeholders`) and CLDR dates (:mod:`.dates`).

No stage of its own: the readers, protect (a byline's catalog words, its date), the
localise stage and the bundle all read it, so none of them reaches into another's package.
"""
