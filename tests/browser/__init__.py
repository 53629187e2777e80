"""Browser tests: the built site read in a real Chromium, as a reader does."""
