"""Planning the pages: parsed notes and the catalogue in, a site plan out.

``catalogue`` is the data of which heading names which AWS service (canonical
name, slug, category, abbreviations) and ``recognise`` how a heading names
one; ``sections`` cuts each file at its headings; ``titles`` writes titles as
a person would; ``plan`` (with ``placing``, the rules, and ``pages``, opening
and naming pages, over ``model``) puts every line on exactly one page;
``editor_check`` reviews a plan for what a reader would call machine-made.
"""
