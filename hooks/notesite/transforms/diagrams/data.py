"""The data behind the flow diagrams: actors (actors.yml) and flow rules (flows.yml).

Reads and checks the two YAML files under ``docs/_data/``. Actors are who and
what takes part in a flow, each with the aliases the notes write it by; the
rules say how a list is recognised as a flow of each kind and which words
matter (object markers, negations, cue words). The code of the transform
knows how to draw; these files know what to look for, so the same hook serves
other people's notes.

A project without actors.yml gets no diagrams; an unusable file raises
``DiagramDataError`` naming the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notesite import yaml_data
from notesite.errors import NotesSiteError

ACTORS_FILE = "docs/_data/actors.yml"
FLOWS_FILE = "docs/_data/flows.yml"


class DiagramDataError(NotesSiteError, ValueError):
    """actors.yml or flows.yml is unusable; the message says where and why.

    A NotesSiteError: the hooks stop the build with the message, not a traceback.
    """


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    tier: str = ""
    principal: bool = False
    part_of: str = ""
    group: str = ""


@dataclass(frozen=True)
class Mention:
    """An actor named in a text, at [start, end)."""

    actor: str
    start: int
    end: int


class ActorMatcher:
    """Finds actors in text by their aliases: whole words, any case, longest alias first."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self._by_alias: dict[str, str] = {}
        for actor in actors:
            for alias in actor.aliases:  # not the name: "Identity" is also a common word
                self._by_alias.setdefault(_fold(alias), actor.id)
        # Longest first, so "Kinesis Data Firehose" wins over "Kinesis".
        aliases = sorted(self._by_alias, key=len, reverse=True)
        pattern = "|".join(_alias_pattern(alias) for alias in aliases)
        # A hyphen followed by a letter continues a word ("event-driven").
        self._regex = (
            re.compile(rf"(?<!\w)(?<!\w-)(?:{pattern})(?![\w]|-\w)", re.IGNORECASE)
            if aliases
            else None
        )

    def find(self, text: str) -> list[Mention]:
        if self._regex is None:
            return []
        return [
            Mention(self._by_alias[_fold(match.group(0))], match.start(), match.end())
            for match in self._regex.finditer(text)
        ]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _alias_pattern(alias: str) -> str:
    # Any run of spaces in the notes matches the one space of an alias.
    return r"\s+".join(re.escape(part) for part in alias.split(" "))


@dataclass(frozen=True)
class Words:
    articles: frozenset[str]
    object_markers: frozenset[str]
    alternatives: frozenset[str]
    negations: tuple[str, ...]
    replies: tuple[str, ...]
    settings: tuple[str, ...] = ()
    comparisons: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ChainRules:
    forward: tuple[str, ...]
    backward: tuple[str, ...]
    # Words that tell the sentence around a chain from its steps: the first
    # step starts after the last of ``lead_ends`` in it, the last step ends
    # before the first of ``tail_starts`` in it.
    lead_ends: tuple[str, ...] = ()
    tail_starts: tuple[str, ...] = ()
    min_arrows: int = 2
    max_nodes: int = 12
    vertical_from_nodes: int = 4
    vertical_from_chars: int = 60


@dataclass(frozen=True)
class SequenceRules:
    cues: tuple[str, ...] = ()
    min_steps: int = 3
    min_participants: int = 3
    min_message_share: float = 0.6
    max_messages: int = 30
    implied_actor: str = ""


@dataclass(frozen=True)
class FanoutRules:
    cues: tuple[str, ...] = ()
    quantifiers: frozenset[str] = frozenset()
    copies: int = 3


@dataclass(frozen=True)
class FlowchartRules:
    cues: tuple[str, ...] = ()
    min_components: int = 3
    min_nodes: int = 3
    min_edges: int = 2
    max_nodes: int = 20
    fanout: FanoutRules = FanoutRules()


@dataclass(frozen=True)
class TransitionRule:
    group: str
    cues: tuple[str, ...]
    one_way: tuple[str, ...]
    min_members: int = 3
    name: str = ""


@dataclass(frozen=True)
class DiagramRules:
    """Everything the transform needs to know: actors and how flows look."""

    actors: tuple[Actor, ...]
    tiers: tuple[str, ...]
    words: Words
    chain: ChainRules
    sequence: SequenceRules
    flowchart: FlowchartRules
    transitions: tuple[TransitionRule, ...]
    captions: dict[str, str] = field(default_factory=dict)
    matcher: ActorMatcher = field(init=False, compare=False, repr=False)  # sequences
    things: ActorMatcher = field(init=False, compare=False, repr=False)  # flowcharts: no principals
    group_matchers: dict[str, ActorMatcher] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        flow_actors = tuple(a for a in self.actors if not a.group)
        object.__setattr__(self, "matcher", ActorMatcher(flow_actors))
        object.__setattr__(
            self, "things", ActorMatcher(tuple(a for a in flow_actors if not a.principal))
        )
        groups: dict[str, ActorMatcher] = {}
        for group in {a.group for a in self.actors if a.group}:
            groups[group] = ActorMatcher(tuple(a for a in self.actors if a.group == group))
        object.__setattr__(self, "group_matchers", groups)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def tier_index(self, actor_id: str) -> int:
        tier = self.actor(actor_id).tier
        return self.tiers.index(tier) if tier in self.tiers else len(self.tiers)


def load_rules(root: Path) -> DiagramRules | None:
    """The rules of the project at ``root``.

    None when the project has no actors.yml: without actors there is no flow
    to recognise, and the notes are left as they are.
    """
    actors, flows = root / ACTORS_FILE, root / FLOWS_FILE
    if not actors.is_file():
        return None
    return parse_rules(_read_yaml(actors), _read_yaml(flows), str(actors), str(flows))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml_data.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DiagramDataError(f"Cannot read '{path}': {error.strerror or error}.") from error
    except yaml.YAMLError as error:
        raise DiagramDataError(f"'{path}' is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise DiagramDataError(f"'{path}' must hold a mapping at its top level.")
    return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DiagramDataError(
            f"{where} must be a list of words (quote words YAML reads otherwise: "
            f'"on", "no", "yes", "off", numbers).'
        )
    return tuple(str(v) for v in value)


def parse_rules(
    actors_data: dict[str, Any],
    flows_data: dict[str, Any],
    actors_path: str = ACTORS_FILE,
    flows_path: str = FLOWS_FILE,
) -> DiagramRules:
    """Check and convert the two files' contents; errors name the file and entry."""
    tiers = _strings(flows_data.get("tiers"), f"{flows_path}: tiers")
    actors = _parse_actors(actors_data, tiers, actors_path)
    words_data = flows_data.get("words") or {}
    words = Words(
        articles=frozenset(
            w.casefold()
            for w in _strings(words_data.get("articles"), f"{flows_path}: words.articles")
        ),
        object_markers=frozenset(
            w.casefold()
            for w in _strings(
                words_data.get("object_markers"), f"{flows_path}: words.object_markers"
            )
        ),
        alternatives=frozenset(
            w.casefold()
            for w in _strings(words_data.get("alternatives"), f"{flows_path}: words.alternatives")
        ),
        negations=_strings(words_data.get("negations"), f"{flows_path}: words.negations"),
        replies=_strings(words_data.get("replies"), f"{flows_path}: words.replies"),
        settings=_strings(words_data.get("settings"), f"{flows_path}: words.settings"),
        comparisons=_strings(words_data.get("comparisons"), f"{flows_path}: words.comparisons"),
        conditions=frozenset(
            w.casefold()
            for w in _strings(words_data.get("conditions"), f"{flows_path}: words.conditions")
        ),
    )
    chain_data = dict(flows_data.get("chain") or {})
    chain = ChainRules(
        forward=_strings(chain_data.pop("forward", None), f"{flows_path}: chain.forward"),
        backward=_strings(chain_data.pop("backward", None), f"{flows_path}: chain.backward"),
        lead_ends=_strings(chain_data.pop("lead_ends", None), f"{flows_path}: chain.lead_ends"),
        tail_starts=_strings(
            chain_data.pop("tail_starts", None), f"{flows_path}: chain.tail_starts"
        ),
        **_numbers(chain_data, ChainRules, f"{flows_path}: chain"),
    )
    if not chain.forward:
        raise DiagramDataError(
            f"{flows_path}: chain.forward must name at least one arrow, e.g. ['->']."
        )
    sequence_data = dict(flows_data.get("sequence") or {})
    implied = str(sequence_data.pop("implied_actor", "") or "")
    sequence_cues = _strings(sequence_data.pop("cues", None), f"{flows_path}: sequence.cues")
    if implied and implied not in {a.id for a in actors}:
        raise DiagramDataError(
            f"{flows_path}: sequence.implied_actor '{implied}' is not an actor of {actors_path}."
        )
    sequence = SequenceRules(
        cues=sequence_cues,
        implied_actor=implied,
        **_numbers(sequence_data, SequenceRules, f"{flows_path}: sequence"),
    )
    flow_data = dict(flows_data.get("flowchart") or {})
    fanout_data = dict(flow_data.pop("fanout", None) or {})
    fanout = FanoutRules(
        cues=_strings(fanout_data.pop("cues", None), f"{flows_path}: flowchart.fanout.cues"),
        quantifiers=frozenset(
            w.casefold()
            for w in _strings(
                fanout_data.pop("quantifiers", None), f"{flows_path}: flowchart.fanout.quantifiers"
            )
        ),
        **_numbers(fanout_data, FanoutRules, f"{flows_path}: flowchart.fanout"),
    )
    flowchart = FlowchartRules(
        cues=_strings(flow_data.pop("cues", None), f"{flows_path}: flowchart.cues"),
        fanout=fanout,
        **_numbers(flow_data, FlowchartRules, f"{flows_path}: flowchart"),
    )
    groups = {a.group for a in actors if a.group}
    transitions = []
    for index, item in enumerate(flows_data.get("transitions") or []):
        where = f"{flows_path}: transitions[{index}]"
        if not isinstance(item, dict) or item.get("group") not in groups:
            raise DiagramDataError(
                f"{where} must name a `group` that actors of {actors_path} belong to."
            )
        transitions.append(
            TransitionRule(
                group=str(item["group"]),
                cues=_strings(item.get("cues"), f"{where}.cues"),
                one_way=_strings(item.get("one_way"), f"{where}.one_way"),
                min_members=int(item.get("min_members", 3)),
                name=str(item.get("name") or ""),
            )
        )
    captions = flows_data.get("captions") or {}
    if not isinstance(captions, dict):
        raise DiagramDataError(f"{flows_path}: captions must map a flow kind to its caption.")
    return DiagramRules(
        actors=actors,
        tiers=tiers,
        words=words,
        chain=chain,
        sequence=sequence,
        flowchart=flowchart,
        transitions=tuple(transitions),
        captions={str(k): str(v) for k, v in captions.items()},
    )


def _numbers(data: dict[str, Any], kind: type, where: str) -> dict[str, Any]:
    """The numeric settings of one section, checked against the dataclass's fields."""
    known = {name: f for name, f in kind.__dataclass_fields__.items()}  # type: ignore[attr-defined]
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known or not isinstance(value, (int, float)) or isinstance(value, bool):
            raise DiagramDataError(f"{where}.{key} is not a known number setting.")
        result[key] = float(value) if isinstance(known[key].default, float) else int(value)
    return result


def _parse_actors(data: dict[str, Any], tiers: tuple[str, ...], path: str) -> tuple[Actor, ...]:
    entries = data.get("actors")
    if not isinstance(entries, list):
        raise DiagramDataError(f"'{path}' must hold a list under `actors:`.")
    actors: list[Actor] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{path}: actors[{index}]"
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise DiagramDataError(f"{where} needs an `id` and a `name`.")
        actor_id = str(entry["id"])
        if actor_id in seen:
            raise DiagramDataError(f"{where}: the id '{actor_id}' is used twice.")
        seen.add(actor_id)
        tier = str(entry.get("tier") or "")
        if tier and tier not in tiers:
            raise DiagramDataError(
                f"{where} ({actor_id}): tier '{tier}' is not one of the tiers of flows.yml "
                f"{list(tiers)}."
            )
        actors.append(
            Actor(
                id=actor_id,
                name=str(entry["name"]),
                aliases=_strings(entry.get("aliases"), f"{where} ({actor_id}).aliases"),
                tier=tier,
                principal=bool(entry.get("principal", False)),
                part_of=str(entry.get("part_of") or ""),
                group=str(entry.get("group") or ""),
            )
        )
    for actor in actors:
        if actor.part_of and actor.part_of not in seen:
            raise DiagramDataError(
                f"{path}: actor '{actor.id}' is part_of '{actor.part_of}', which is not an actor."
            )
    return tuple(actors)
