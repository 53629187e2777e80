"""The site's output: planned, transformed pages in, what MkDocs renders out.

``page`` writes each page's Markdown; ``home`` the home page's cards; ``nav``
the navigation by category; ``study_pages`` the glossary, numbers and
self-test pages; ``previews`` the section summaries a page's links show;
``rendered`` a page's HTML kept between builds;
``print_page`` the whole site on one page; ``search_index`` what the search
index carries beyond the pages' text (names, heading paths); ``assets`` which
vendored files the site serves; ``guard`` the last check that no page's
rendered content holds live markup.
"""
