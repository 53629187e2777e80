"""Comparison tables: fact lists in, Markdown tables (with the list kept) out.

``data`` reads the facets (columns) and settings; ``model`` reads options and
their facts out of parsed lists; ``columns`` puts each fact in the columns
its facets match; ``render`` writes the table as Markdown; ``transform`` finds
the comparisons on a page and replaces them.
"""
