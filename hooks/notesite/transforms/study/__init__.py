"""Study aids' readings of the notes: the running text passage by passage
(``text``), the numbers it states (``numbers``) and the abbreviations it uses
(``abbreviations``), for tooltips, the glossary and numbers to remember."""
