"""Transforms of one page's tokens: tokens and a PageContext in, tokens out.

Each transform is a package of its own, with its data model, its recognition
and its rendering: ``tables`` (fact lists to comparison tables), ``diagrams``
(flows to mermaid), ``callouts`` (GitHub alerts, Obsidian callouts and
embeds), ``links`` (links to headings, cross-links between services) and
``images`` (pictures checked and carried into the site). ``study`` reads the
notes' text for the study aids (numbers, abbreviations). ``context`` is what
every transform gets.
"""
