"""Comparison tables: golden fixtures of the transform, its data, and the built site."""
