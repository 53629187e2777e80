"""The notes site's pipeline, free of MkDocs: notes in, page Markdown out.

The stages, in the order the data flows through them:

- ``reading``: find the notes (one file or a folder), read them, parse them
  once with markdown-it-py, and check what the author may want to fix;
- ``planning``: the catalogue (which heading is which AWS service) and the
  plan (which part of the notes goes on which page);
- ``transforms``: one package per transform of a page's tokens (tables,
  diagrams, callouts, links, images) and the study aids' readings of the text;
- ``output``: what the site is made of (each page's Markdown, the home page's
  cards, the navigation, the print page, the search terms, the assets);
- ``pipeline`` runs them in that order and ``state`` holds what one build
  knows; ``cache`` keeps that state between builds.

The MkDocs hooks (the ``*.py`` files beside this package) are the only code
that imports MkDocs; each event calls into here with plain values.
"""
