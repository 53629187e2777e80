"""Reading one step of the notes: its sentences, the actors it names, its role words.

Plain functions over the text of one list item. Asides in parentheses are
blanked out (same length, so positions stay valid) unless they only rename
the actor before them ("a S3 bucket (dst_bucket)"), and then the name in the
parentheses is the one that counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from notesite.transforms.diagrams.data import ActorMatcher, Mention, Words

_ASIDE = re.compile(r"\([^()]*\)")
# A sentence ends at . ! ? followed by a space and a capital or an opening bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\"'])")
_CLAUSE_END = re.compile(r";\s+|,?\s+but\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w'’:-]+|/")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])(?=\s|$)")
# Web addresses say nothing about actors ("...s3.amazonaws.com..." is no S3 bucket).
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.IGNORECASE)
_EDGE_PUNCT = " \t,;:-–—"


def blank_asides(text: str, matcher: ActorMatcher) -> str:
    """The text with asides in parentheses replaced by spaces, except appositions."""

    def blank(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        found = matcher.find(inner)
        if (
            len(found) == 1
            and not inner[: found[0].start].strip()
            and not inner[found[0].end :].strip()
        ):
            return match.group(0)
        return " " * len(match.group(0))

    text = _URL.sub(lambda m: " " * len(m.group(0)), text)
    return _ASIDE.sub(blank, text)


def mentions(
    text: str, matcher: ActorMatcher, start: int = 0, end: int | None = None
) -> list[Mention]:
    """Actors named in text[start:end], positions in ``text``; "X (Y)" counts as Y."""
    end = len(text) if end is None else end
    found = [
        Mention(m.actor, m.start + start, m.end + start) for m in matcher.find(text[start:end])
    ]
    kept: list[Mention] = []
    index = 0
    while index < len(found):
        mention = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        closing = re.match(r"\s*\)", text[following.end :]) if following else None
        if (
            following is not None
            and closing is not None
            and re.fullmatch(r"\s*\(\s*", text[mention.end : following.start])
        ):
            # The name in parentheses says which one this is; the mention
            # spans both names ("Secure Token Service (STS)").
            end = following.end + closing.end()
            kept.append(Mention(following.actor, mention.start, end))
            index += 2
            continue
        kept.append(mention)
        index += 1
    return kept


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Sentences, further cut at ";" and "but": the unit two actors must share for an arrow."""
    spans = []
    for start, end in sentence_spans(text):
        cut = start
        for match in _CLAUSE_END.finditer(text, start, end):
            spans.append((cut, match.start()))
            cut = match.end()
        spans.append((cut, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def words_of(text: str) -> list[str]:
    return [w.casefold().strip("'’:-") for w in _WORD.findall(text)]


def is_object(text: str, clause_start: int, mention: Mention, words: Words) -> bool:
    """True when the word before the actor (articles skipped) marks it as an object."""
    before = [w for w in words_of(text[clause_start : mention.start]) if w]
    while before and before[-1] in words.articles:
        before.pop()
    return bool(before) and before[-1] in words.object_markers


def only_alternatives(between: str, words: Words) -> bool:
    """True when the text between two actors only joins them as alternatives."""
    parts = [w for w in words_of(between) if w]
    stripped = between.strip()
    if not parts:
        return stripped in words.alternatives or stripped == ""
    return all(p in words.alternatives for p in parts)


def has_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase found in text (whole words, any case), as the text writes it."""
    for phrase in phrases:
        match = re.search(_phrase_regex(phrase), text, re.IGNORECASE)
        if match:
            return match.group(0)
    return None


def find_phrase(text: str, phrases: Iterable[str]) -> re.Match[str] | None:
    """Where the earliest of the phrases occurs in text (whole words, any case);
    of two at the same place, the one listed first."""
    pattern = _any_phrase(tuple(phrases))
    return pattern.search(text) if pattern is not None else None


def _phrase_regex(phrase: str) -> str:
    """A phrase as a whole-word expression: any run of spaces between its words."""
    body = r"\s+".join(re.escape(p) for p in phrase.split())
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return left + body + right


@functools.lru_cache(maxsize=512)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression for the phrases, in their order: a search finds the
    earliest place any of them occurs, and there the first listed."""
    if not phrases:
        return None
    return re.compile("|".join(f"(?:{_phrase_regex(p)})" for p in phrases), re.IGNORECASE)


def squash(text: str) -> str:
    """One line, single spaces, no dangling punctuation at either end."""
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT)
    # A blanked aside leaves a space before the punctuation that followed it.
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip()


def label_text(text: str) -> str:
    """A label as the notes write it, whole: one line, single spaces. Never cut:
    mermaid wraps a long message or node label within its lane or box."""
    return squash(text)


def head_actor(text: str, matcher: ActorMatcher) -> str | None:
    """The actor an item is named after ("Kinesis Stream."), or None for a sentence."""
    bare = _ASIDE.sub(" ", text)
    found = matcher.find(bare)
    if not found or len({m.actor for m in found}) != 1:
        return None
    rest = bare
    for mention in reversed(found):
        rest = rest[: mention.start] + rest[mention.end :]
    return found[0].actor if not re.sub(r"[\W_]+", "", rest) else None
