"""The author's own practice questions and flashcards: lettered questions
with their answer (``recognise``) become a quiz the reader ticks, and
``Q:``/``A:`` pairs become flashcards (``render``); what was found is kept for
the navigation's "Practice exams" and the Anki deck (``model``)."""
