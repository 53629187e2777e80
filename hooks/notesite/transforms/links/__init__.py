"""Links: ``headings`` points the notes' links to their own headings at the page
each heading ended up on; ``crosslinks`` links a page's first mention of
another service to that service's page."""
