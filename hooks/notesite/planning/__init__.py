"""Planning the pages: parsed notes and the catalogue in, a site plan out.

``catalogue`` is the data of which heading names which AWS service (canonical
name, slug, category, abbreviations); ``plan`` splits the notes' token stream
into one page per catalogue entry, every line on exactly one page.
"""
