"""Page titles as a person writes them, from headings and file names.

In: a heading's text or a notes file's name. Out: a title cleaned of hand
numbering ("01 -", "1.10."), closing hashes, trailing colons and file-name
habits (underscores, hyphens for spaces, a bare lower-case stem), written in
the site's case when the author wrote it in capitals. Also tells a title that
says nothing ("Summary", "Section Introduction") from one that does, by the
words of ``docs/_data/words.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from notesite.planning.recognise import clean

_FILE_NUMBER = re.compile(r"^\d+(?:\.\d+)*(?:[\s_.\-–—)]+|(?=[A-Za-z]))")
_SEPARATORS = re.compile(r"[_\s]+")
# A lower-case file name of one short word is an abbreviation ("gwlb", "sam", "ec2").
_ABBREVIATION_STEM = re.compile(r"^[a-z][a-z0-9]{1,3}$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_KEY_DROP = re.compile(r"[^0-9a-z]+")
# Small words kept lower case inside a title written in the site's case.
_SMALL = frozenset(
    re.findall(r"\w+", "a an and as at but by for from in into nor of on or per the to vs via with")
)
# Short words that are words, not abbreviations, when written in capitals.
_SHORT_WORDS = frozenset(
    re.findall(
        r"\w+",
        "is it its be are was how why who use new all own can not one two get set add key run way "
        "big few low top end off out up do if so my our you we",
    )
)
_SPLIT_WORDS = re.compile(r"[\s\-–—:&/,.()+]+")


def words_key(text: str) -> str:
    """Letters and digits only, lower case: how two spellings of a title compare."""
    return _KEY_DROP.sub("", text.casefold())


def heading_title(heading: str) -> str:
    """A heading as a page title: no hand numbering, closing hashes, edge
    punctuation or run-together hyphens; capitals in the site's case."""
    text = clean(heading)
    if " " not in text and text.count("-") >= 1:
        text = text.replace("-", " ")
    text = _SEPARATORS.sub(" ", text.replace("_", " ")).strip()
    return site_case(text) if text else heading.strip()


def file_title(file_name: str) -> str:
    """A notes file's name made readable: "08_Compute_serverless.md" ->
    "Compute serverless", "quantum-ledger.md" -> "Quantum ledger"."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    text = _FILE_NUMBER.sub("", stem.strip()) or stem
    text = _SEPARATORS.sub(" ", text.replace("_", " ").replace("-", " ")).strip()
    if _ABBREVIATION_STEM.match(text):
        return text.upper()  # "gwlb.md", "mfa.md": an abbreviation
    if text and text == text.casefold():
        text = text[0].upper() + text[1:]
    return site_case(text) if text else stem


def site_case(text: str) -> str:
    """A title the author wrote in capitals ("S3 STORAGE CLASSES") in title
    case ("S3 Storage Classes"); abbreviations (up to four letters, or with a
    digit) and mixed-case titles are kept as written."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 5:
        return text

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        lower = found.casefold()
        if lower in _SMALL:
            return lower if match.start() else found.capitalize()
        if (len(found) <= 3 and lower not in _SHORT_WORDS) or any(c.isdigit() for c in found):
            return found  # "AWS", "EC2", "VPC" stay abbreviations
        return found.capitalize()

    return re.sub(r"[A-Za-z0-9'’]+", word, text)


def is_generic(title: str, generic: Collection[str]) -> bool:
    """True for a title made only of words that say nothing ("Summary",
    "Section Introduction", "Table of Contents", "2. Summary")."""
    text = clean(title).casefold()
    if not _WORD.search(text):
        return True
    keys = {words_key(g) for g in generic}
    if words_key(text) in keys:
        return True
    parts = [p for p in _SPLIT_WORDS.split(text) if p and not p.isdigit()]
    return bool(parts) and all(words_key(p) in keys for p in parts)
