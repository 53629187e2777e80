"""Diagrams drawn at build time: each mermaid block of a rendered page becomes
an inline SVG, drawn once by mermaid itself and kept in a cache.

``svg`` finds the blocks in a page's HTML, cleans what mermaid drew (no
script, ids unique to the drawing) and puts the drawings in place of the
blocks; ``store`` keeps the drawings between builds under a key of the
diagram's source and the renderer; ``settings`` is what mermaid is given
(Material's colours as CSS variables, so a drawing follows the light and
dark palettes); ``browser`` is the one module that starts a browser.
"""
