"""Diagrams: step and component lists in, mermaid diagrams out.

``data`` reads the actors and flow rules; ``text`` reads one step (its
sentences, actors, role words); ``model`` builds a diagram model from the
steps; ``mermaid`` writes it as mermaid that parses; ``flows`` finds the flows
on a page; ``transform`` places each diagram where its list or picture was.
"""
