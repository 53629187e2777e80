"""Callouts: GitHub alerts and Obsidian callouts in, admonitions out; Obsidian
image embeds in, Markdown images out."""
