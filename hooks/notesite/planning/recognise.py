"""Recognise the AWS service (or concept) a heading names, however it is written.

Headings come in every form: "Amazon S3", "1.10. Relational-Database-Service-RDS",
"Section 6: RDS + Aurora + ElastiCache", "Simple Queuing Service (SQS)",
"Route53", "EC2: Virtual Machines", "## Lambda ##". ``Recogniser`` reduces a
heading to keys (case, vendor prefix, hand-written numbers, closing hashes,
hyphens and spacing aside), looks them up among every form of every entry's
name, and tolerates small typos. It answers three questions:

- ``exact``: the entry the whole heading names (what splits a page off);
- ``leading``: the entry the heading starts with ("S3 Security", "EC2
  Instance Types"), for a heading with no page above it;
- ``group``: the entries a heading lists ("ELB + ASG", "RDS + Aurora +
  ElastiCache"), which make it a group rather than a page.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

# "1.", "1.10.", "Section 6:", "Chapter 2 -", "Part IV:", "Lecture 12)", "6)"
_NUMBERING = re.compile(
    r"^\s*(?:(?:section|chapter|part|lecture|module|lesson|day|week|unit)\s+[\divxlc]+[a-z]?"
    r"|\d+(?:\.(?:\d+|\(\d+/\d+\)))*)\s*[.:)\-–—]*\s+",
    re.IGNORECASE,
)
_VENDOR = re.compile(r"^(?:amazon|aws)(?=[\s\-_]|$)[\s\-_]*", re.IGNORECASE)
_KEY_DROP = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\(([^()]*)\)")
_GROUP_SPLIT = re.compile(r"\s*(?:\+|&|,|/|\band\b|\bvs\.?|\bversus\b)\s*", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
# Words around a name that say how deep a section goes, not what it is about.
_QUALIFIERS = re.compile(
    r"^(?:advanced|more|intro(?:duction)?\s+to|basic|deep\s+dive\s+into)\s+"
    r"|\s+(?:basics|fundamentals|essentials|concepts|101|deep\s+dive|overview|introduction|refresher)$",
    re.IGNORECASE,
)
# "What is CloudFormation?", "Why AWS Lambda?": a section about the service.
_ASKING = re.compile(
    r"^(?:what(?:'s|’s|\s+is|\s+are)|why(?:\s+use)?|how\s+(?:does|do|to\s+use)|overview\s+of"
    r"|getting\s+started\s+with)\s+(?:an?\s+|the\s+)?",
    re.IGNORECASE,
)
# "Amazon AppStream 2.0", "Elastic Load Balancer v2": the product's version.
_VERSION = re.compile(r"\s+(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)+)$", re.IGNORECASE)
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s)\s*")
# Shorter keys are too easily one edit away from another service.
_FUZZY_MIN = 7
_FUZZY_CUTOFF = 0.88


@functools.lru_cache(maxsize=65536)
def clean(heading: str) -> str:
    """The heading without hand-written numbers, closing hashes or edge punctuation."""
    text = heading.strip().rstrip("#").strip()
    while True:
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return text.strip(" \t.:;,!?-–—*_`")


def title(heading: str) -> str:
    """A heading as a page title: cleaned, and "HA-and-Scaling" written with spaces."""
    text = clean(heading)
    if " " not in text and text.count("-") >= 1:
        text = text.replace("-", " ")
    return text or heading


@functools.lru_cache(maxsize=65536)
def key(text: str) -> str:
    """What tells two spellings of a name apart: letters and digits, lower case,
    without a leading Amazon/AWS."""
    text = clean(text).replace("_", " ").replace("-", " ")
    text = _VENDOR.sub("", text.strip())
    return _KEY_DROP.sub("", text.casefold())


@functools.lru_cache(maxsize=65536)
def variants(text: str) -> tuple[str, ...]:
    """The name forms a text holds: itself, without its parentheses, and each
    parenthesised part ("Simple Queuing Service (SQS)" -> both names)."""
    cleaned = clean(text).replace("-(", " (").replace("-", " ")
    found = [cleaned, _PARENS.sub(" ", cleaned)]
    if cleaned.endswith(")"):
        # "Simple Queuing Service (SQS)": a name and its abbreviation; not
        # "EC2 vs ECS(EC2) vs Fargate".
        found += _PARENS.findall(cleaned)[-1:]
    words = found[1].split()
    if len(words) > 1 and _ACRONYM.match(words[-1]) and _initials(words[:-1], words[-1]):
        # "Relational Database Service RDS": a name, then its abbreviation.
        found += [" ".join(words[:-1]), words[-1]]
    return tuple(f for f in dict.fromkeys(found) if key(f))


def _beside_full_name(text: str) -> frozenset[str]:
    """The variants of a name that are only an abbreviation written beside its
    full name: "SQS" in "Simple Queuing Service (SQS)", "AWS WAF" in "AWS WAF
    (Well architect framework)"."""
    found = variants(text)
    if len(found) < 3:
        return frozenset()
    return frozenset(
        v for v in found[1:] if _ACRONYM.match(_VENDOR.sub("", v).strip()) and v != found[0]
    )


def _initials(words: list[str], acronym: str) -> bool:
    """True if the acronym's letters are initials of the words, in order
    ("EC2" of "Elastic Compute Cloud"; not "API" of "Abuse Signal")."""
    initials = iter(word[0].casefold() for word in words if word[:1].isalpha())
    return all(letter in initials for letter in acronym.casefold() if letter.isalpha())


@dataclass
class Recogniser(Generic[T]):
    """Forms of names -> the thing they name (an entry of the catalogue)."""

    forms: dict[str, T] = field(default_factory=dict)
    # Forms long enough for typos, by (first letter, length): a lookup reads
    # only the few buckets near its own, however many headings the notes have.
    _fuzzy: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    _typos: dict[str, str | None] = field(default_factory=dict)  # form -> its match
    _exact: dict[str, T | None] = field(default_factory=dict)  # heading -> what it names
    # 1 for a form learnt only as an abbreviation beside a full name, else 2.
    _strength: dict[str, int] = field(default_factory=dict)

    def add(self, names: Iterable[str], value: T, replace: bool = False) -> None:
        """Learn the forms of ``names`` as naming ``value``. A form already
        known keeps its first value, unless ``replace``, or unless it was only
        an abbreviation beside a full name ("AWS WAF (Well architect
        framework)") and this is a name in its own right ("AWS WAF")."""
        for name in names:
            beside = _beside_full_name(name)
            for variant in variants(name):
                form = key(variant)
                if not form:
                    continue
                strength = 1 if variant in beside else 2
                known = form in self.forms
                if known and not replace and self._strength.get(form, 2) >= strength:
                    continue
                if not known and len(form) >= _FUZZY_MIN:
                    self._fuzzy.setdefault((form[0], len(form)), []).append(form)
                self.forms[form] = value
                self._strength[form] = strength
        self._typos.clear()
        self._exact.clear()

    def named_by(self, form: str) -> T | None:
        """The value a form names in its own right (not only as an
        abbreviation written beside a full name)."""
        return self.forms.get(form) if self._strength.get(form, 2) >= 2 else None

    def _typo_of(self, form: str) -> str | None:
        """The known form one small typo away: same first letter, about the same length."""
        if form not in self._typos:
            near = [
                known
                for size in range(len(form) - 2, len(form) + 3)
                for known in self._fuzzy.get((form[0], size), ())
            ]
            close = difflib.get_close_matches(form, near, n=1, cutoff=_FUZZY_CUTOFF)
            self._typos[form] = close[0] if close else None
        return self._typos[form]

    def _lookup(self, text: str, fuzzy: bool) -> T | None:
        form = key(text)
        if not form:
            return None
        if form in self.forms:
            return self.forms[form]
        if fuzzy and len(form) >= _FUZZY_MIN and not any(c.isdigit() for c in form):
            # (A number in a heading is a numbered topic, not a misspelt name.)
            typo = self._typo_of(form)
            if typo is not None:
                return self.forms[typo]
        return None

    def exact(self, heading: str) -> T | None:
        """What the whole heading names: a form of it, its name and abbreviation
        in parentheses ("Elastic Compute Cloud (EC2)"), or its part before a
        subtitle ("EC2: Virtual Machines")."""
        if heading not in self._exact:
            self._exact[heading] = self._named(heading)
        return self._exact[heading]

    def _named(self, heading: str) -> T | None:
        texts = variants(heading)
        found = [self._lookup(t, fuzzy=False) for t in texts]
        values = [v for v in found if v is not None]
        if values and all(v is values[0] for v in values[1:]):
            return values[0]
        # "Web Application Firewall (WAF)": the full name beats the abbreviation.
        full = [
            v
            for t, v in zip(texts, found, strict=True)
            if v is not None and not _ACRONYM.match(_VENDOR.sub("", t).strip())
        ]
        if full and all(v is full[0] for v in full[1:]):
            return full[0]
        head = _SUBTITLE.split(clean(heading), maxsplit=1)[0]
        if head != clean(heading):
            named = self._lookup(head, fuzzy=False)
            if named is not None:
                return named
        return next((self._lookup(t, fuzzy=True) for t in texts[:1] if t), None)

    def leading(self, heading: str, trailing: bool = True) -> T | None:
        """What the heading starts with: its longest leading run of words that
        names something ("S3 Security" -> S3, "Advanced EC2" -> EC2); with
        ``trailing``, also a short heading's closing abbreviation ("Network
        Storage EFS" -> EFS)."""
        named = self.exact(heading)
        if named is not None:
            return named
        return self._leading(heading, trailing)[0]

    def unqualified(self, heading: str) -> str:
        """The heading without words around a name that say how deep it goes
        or ask about it ("RDS Overview", "Why AWS Lambda?", "Amazon AppStream
        2.0" -> the name); "" if it has none."""
        text = clean(heading)
        plain = _VERSION.sub("", _QUALIFIERS.sub("", _ASKING.sub("", text))).strip()
        return plain if plain != text else ""

    def leading_words(self, heading: str, trailing: bool = True) -> str:
        """The words of the heading that ``leading`` found a name in ("" if none)."""
        return self._leading(heading, trailing)[1]

    def _leading(self, heading: str, trailing: bool) -> tuple[T | None, str]:
        text = _QUALIFIERS.sub("", clean(heading).replace("-", " ")).strip()
        words = text.split()
        for length in range(len(words), 0, -1):
            run = " ".join(words[:length])
            named = self._lookup(run, fuzzy=False)
            if named is not None:
                return named, run
        if trailing and 1 < len(words) <= 4 and _ACRONYM.match(words[-1]):
            # "Network Storage EFS": a short description, then the service.
            return self._lookup(words[-1], fuzzy=False), words[-1]
        return None, ""

    def group(self, heading: str) -> list[T]:
        """The things a heading lists, when it lists two or more and names
        nothing else ("RDS + Aurora + ElastiCache")."""
        listed = _SUBTITLE.split(clean(heading))[-1]  # "AWS Fundamentals: RDS + Aurora"
        parts = [p for p in _GROUP_SPLIT.split(listed) if p.strip()]
        if len(parts) < 2:
            return []
        found = [self.exact(part) for part in parts]
        if any(value is None for value in found):
            return []
        unique: list[T] = []
        for value in found:
            if value is not None and all(value is not u for u in unique):
                unique.append(value)
        return unique if len(unique) >= 2 else []

    def closest(self, heading: str, names: dict[str, str], n: int = 3) -> list[str]:
        """The names whose forms come closest to the heading, for a warning."""
        form = key(heading)
        close = difflib.get_close_matches(form, list(names), n=n, cutoff=0.6)
        return list(dict.fromkeys(names[c] for c in close))
