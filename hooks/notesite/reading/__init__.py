"""Reading the notes: sources in, parsed tokens and the author's findings out.

``source`` finds the notes (a file, or a folder in its index's order) and
decodes them; ``parse`` parses each file once with markdown-it-py, as GitHub
reads it, and renders token ranges back to Markdown; ``limits`` bounds what
is read; ``sanitise`` makes the notes' raw HTML and link targets safe right
after parsing (they are untrusted input); ``checks`` reports what the author
may want to fix (file:line).
"""
