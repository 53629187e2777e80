"""Turn the steps of one flow into a diagram model (sequence or flowchart).

Pure functions from plain values (the items of a list, as ``Step``) and the
rules of ``data`` to small dataclasses that ``mermaid`` writes out.
Four kinds:

* ``build_chain``: one item whose steps are linked by arrows ("A -> B -> C");
  each step is a box, each arrow an arrow.
* ``build_sequence``: a list of steps; each step's first sentence passes a
  message from its subject (the first actor it names, unless a word like "to"
  makes that actor the object) to each other actor it names, in order. A step
  that names no sender continues from whoever received the last message; a
  step that only names its subject answers whoever asked it, if it says so
  ("returns"), and is otherwise a note over it.
* ``build_flowchart``: a list of components or of sentences; every clause that
  names several actors links them left to right by their tier. When each tier
  holds one actor, the flow is a pipeline and consecutive tiers are linked
  even where no sentence names both. A quantifier in a fan-out ("each queue")
  draws that actor and what follows it several times.
* ``build_transitions``: members of a group (storage classes) from the list
  that names them, and the one-way move a second list describes.

``None`` means "not this kind of flow"; ``CannotDraw`` means "a flow, but not
one that can be drawn" and carries the reason for the build warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from notesite.transforms.diagrams.data import DiagramRules, Mention, TransitionRule
from notesite.transforms.diagrams.text import (
    blank_asides,
    clause_spans,
    find_phrase,
    head_actor,
    is_object,
    label_text,
    mentions,
    only_alternatives,
    sentence_spans,
    squash,
    words_of,
)


class CannotDraw(ValueError):
    """A list that is a flow but cannot be drawn; the message says why."""


@dataclass(frozen=True)
class Step:
    """One list item: its own text (not its sub-items'), where it is, and whose child it is."""

    text: str
    line: int | None = None
    depth: int = 0
    parent: int | None = None  # index of the parent step in the same flow
    has_children: bool = False


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    box: str | None = None  # the box (subgraph) it is drawn in


@dataclass(frozen=True)
class Box:
    key: str
    label: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    # "arrow", "thick", "blocked" (a move that cannot happen) or "order"
    # (no line: only keeps two boxes one after the other)
    style: str = "arrow"


@dataclass
class Flowchart:
    kind: str  # "chain", "flowchart" or "transitions"
    direction: str
    nodes: list[Node] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class Message:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Note:
    actor: str
    label: str


@dataclass
class Sequence:
    participants: list[tuple[str, str]] = field(default_factory=list)  # (actor id, name)
    events: list[Message | Note] = field(default_factory=list)
    kind: str = "sequence"


Diagram = Flowchart | Sequence


def node_count(diagram: Diagram) -> int:
    if isinstance(diagram, Sequence):
        return len(diagram.participants)
    return len(diagram.nodes) + len(diagram.boxes)


# Rough sizes (px) of a box and its arrow, to keep diagrams narrow enough for
# a phone: mermaid lays out, these only choose between across and down.
_COLUMN, _ROW_ITEM, _PARTICIPANT = 220, 180, 150
WIDE = 560  # beyond this a diagram scrolls sideways on a phone rather than shrink


def _layers(chart: Flowchart) -> list[int]:
    """How many boxes sit at each step of the flow (longest path from a start)."""
    keys = [b.key for b in chart.boxes] + [n.key for n in chart.nodes if n.box is None]
    depth = dict.fromkeys(keys, 0)
    flowing = [e for e in chart.edges if e.style in ("arrow", "thick")]
    for _ in keys:  # enough rounds for any path; the edges never make a loop
        for edge in flowing:
            if edge.source in depth and edge.target in depth:
                depth[edge.target] = max(depth[edge.target], depth[edge.source] + 1)
    counts: dict[int, int] = {}
    for level in depth.values():
        counts[level] = counts.get(level, 0) + 1
    return [counts[level] for level in sorted(counts)]


def estimated_width(diagram: Diagram) -> int:
    """About how wide mermaid draws the diagram, in CSS pixels."""
    if isinstance(diagram, Sequence):
        return len(diagram.participants) * _PARTICIPANT
    layers = _layers(diagram)
    if diagram.direction == "LR":
        return len(layers) * _COLUMN
    return max(layers, default=1) * _ROW_ITEM


def narrowest(chart: Flowchart) -> Flowchart:
    """The chart laid out across or down, whichever is narrower (down on a tie)."""
    layers = _layers(chart)
    chart.direction = "LR" if len(layers) * _COLUMN < max(layers, default=1) * _ROW_ITEM else "TD"
    return chart


def is_wide(diagram: Diagram) -> bool:
    """True for diagrams too wide for a phone: they scroll sideways there."""
    return estimated_width(diagram) > WIDE


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("\u00a0", " ")


# -- chain ---------------------------------------------------------------------


def chain_parts(text: str, rules: DiagramRules) -> tuple[list[str], list[bool]] | None:
    """The steps between arrows and each arrow's direction, or None without enough arrows."""
    arrows = sorted((*rules.chain.forward, *rules.chain.backward), key=len, reverse=True)
    parts, forward, rest = [], [], _plain(text)
    while True:
        best = min(
            ((rest.find(a), a) for a in arrows if rest.find(a) >= 0),
            default=None,
            key=lambda found: (found[0], -len(found[1])),
        )
        if best is None:
            parts.append(rest)
            break
        index, arrow = best
        parts.append(rest[:index])
        forward.append(arrow in rules.chain.forward)
        rest = rest[index + len(arrow) :]
    if len(forward) < rules.chain.min_arrows:
        return None
    return [squash(part) for part in parts], forward


def build_chain(text: str, rules: DiagramRules) -> Flowchart | None:
    found = chain_parts(text, rules)
    if found is None:
        return None
    parts, forward = found
    if any(not part.strip(" .") for part in parts):
        raise CannotDraw("an arrow has no step on one side")
    if len(parts) > rules.chain.max_nodes:
        raise CannotDraw(f"{len(parts)} steps; at most {rules.chain.max_nodes} are drawn")
    vertical = (
        len(parts) >= rules.chain.vertical_from_nodes
        or sum(map(len, parts)) >= rules.chain.vertical_from_chars
    )
    parts[0], parts[-1] = _first_step(parts[0], rules), _last_step(parts[-1], rules)
    chart = Flowchart("chain", "TD" if vertical else "LR")
    chart.nodes = [Node(f"step{i}", part.rstrip(" .") or part) for i, part in enumerate(parts)]
    for i, ahead in enumerate(forward):
        a, b = f"step{i}", f"step{i + 1}"
        chart.edges.append(Edge(a, b) if ahead else Edge(b, a))
    return chart


def _first_step(text: str, rules: DiagramRules) -> str:
    """The first step without the words that lead to it ("It is a publisher" →
    "publisher"): what follows the last lead word, its articles left out."""
    start = 0
    while (lead := find_phrase(text[start:], rules.chain.lead_ends)) is not None:
        start += lead.end()
    words = text[start:].split()
    while len(words) > 1 and words[0].casefold() in rules.words.articles:
        words.pop(0)
    return " ".join(words) if words else text


def _last_step(text: str, rules: DiagramRules) -> str:
    """The last step without the words that describe the whole chain after it
    ("subscriber based service" → "subscriber")."""
    tail = find_phrase(text, rules.chain.tail_starts)
    step = text[: tail.start()].strip(" -") if tail else text
    return step or text


# -- sequence ------------------------------------------------------------------


@dataclass
class _Conversation:
    """Who spoke last and who asked whom, while walking the steps in order."""

    last_receiver: str | None = None
    asked_by: dict[str, str] = field(default_factory=dict)


def _step_events(text: str, rules: DiagramRules, talk: _Conversation) -> list[Message | Note]:
    words = rules.words
    blanked = blank_asides(_plain(text), rules.matcher)
    spans = sentence_spans(blanked)
    if not spans:
        return []
    start, end = spans[0]
    found: list[Mention] = []
    for mention in mentions(blanked, rules.matcher, start, end):
        if all(m.actor != mention.actor for m in found):
            found.append(mention)
    if not found:
        return []
    subject = None if is_object(blanked, start, found[0], words) else found[0]
    implied = rules.sequence.implied_actor or None
    sender = subject.actor if subject else (talk.last_receiver or implied)
    if sender is None:
        return []
    targets = [m for m in (found[1:] if subject else found) if m.actor != sender]
    sentence = blanked[start:end]
    if not targets:
        asker = talk.asked_by.get(sender) or (implied if implied != sender else None)
        if asker and find_phrase(sentence, rules.words.replies):
            event: Message | Note = Message(sender, asker, label_text(sentence))
            talk.asked_by[asker] = sender
            talk.last_receiver = asker
            return [event]
        talk.last_receiver = sender
        return [Note(sender, label_text(sentence))]
    events: list[Message | Note] = []
    cursor, source, previous_source = start, sender, sender
    for index, target in enumerate(targets):
        stop = end if index == len(targets) - 1 else target.end
        if index and only_alternatives(blanked[targets[index - 1].end : target.start], words):
            source = previous_source  # "STS or Cognito": the same sender, another receiver
        events.append(Message(source, target.actor, label_text(blanked[cursor:stop])))
        talk.asked_by[target.actor] = source
        previous_source, source, cursor = source, target.actor, target.end
    talk.last_receiver = targets[-1].actor
    return events


def build_sequence(steps: list[Step], rules: DiagramRules) -> Sequence | None:
    """A sequence diagram when most steps pass a message between actors, else None."""
    settings = rules.sequence
    steps = [s for s in steps if s.text.strip()]
    if len(steps) < settings.min_steps:
        return None
    talk = _Conversation()
    diagram = Sequence()
    message_steps = 0
    for step in steps:
        events = _step_events(step.text, rules, talk)
        message_steps += any(isinstance(e, Message) for e in events)
        diagram.events.extend(events)
    seen: list[str] = []
    for event in diagram.events:
        for actor in (event.source, event.target) if isinstance(event, Message) else (event.actor,):
            if actor not in seen:
                seen.append(actor)
    diagram.participants = [(a, rules.actor(a).name) for a in seen]
    if (
        message_steps / len(steps) < settings.min_message_share
        or len(seen) < settings.min_participants
    ):
        return None
    if len(diagram.events) > settings.max_messages:
        raise CannotDraw(
            f"{len(diagram.events)} messages; at most {settings.max_messages} are drawn"
        )
    return diagram


# -- flowchart -----------------------------------------------------------------


@dataclass
class _Evidence:
    """What the clauses of a flow say: actors in order, links and their words."""

    mentioned: list[str] = field(default_factory=list)  # whole actors (parts map to theirs)
    parts: dict[str, list[str]] = field(default_factory=dict)  # whole -> parts named
    links: dict[tuple[str, str], str] = field(default_factory=dict)  # (from, to) -> label
    quantified: list[str] = field(default_factory=list)


def _whole(actor: str, rules: DiagramRules) -> str:
    return rules.actor(actor).part_of or actor


def _quantified(text: str, clause_start: int, mention: Mention, rules: DiagramRules) -> bool:
    before = [w for w in words_of(text[clause_start : mention.start]) if w][-2:]
    return any(w in rules.flowchart.fanout.quantifiers for w in before)


def _negated(clause: str, rules: DiagramRules) -> bool:
    """True when the clause says the flow does not happen.

    A negation inside an opening condition ("If the content is not cached
    at the edge location, it will perform an origin fetch") does not count.
    """
    words = words_of(clause)
    if words and words[0] in rules.words.conditions and "," in clause:
        clause = clause[clause.index(",") + 1 :]
    return find_phrase(clause, rules.words.negations) is not None


def _gather(steps: list[Step], heads: list[str | None], rules: DiagramRules) -> _Evidence:
    evidence = _Evidence()
    for step in steps:
        blanked = blank_asides(_plain(step.text), rules.things)
        parent = step.parent
        inherited = (
            heads[parent] if parent is not None and steps[parent].depth == step.depth - 1 else None
        )
        for start, end in clause_spans(blanked):
            if find_phrase(blanked[start:end], (*rules.words.settings, *rules.words.comparisons)):
                continue  # about where something is set up, or about something else
            found = mentions(blanked, rules.things, start, end)
            actors = ([inherited] if inherited else []) + [m.actor for m in found]
            for mention in found:
                if _quantified(blanked, start, mention, rules):
                    evidence.quantified.append(_whole(mention.actor, rules))
            wholes: list[str] = []
            for actor in actors:
                whole = _whole(actor, rules)
                if whole != actor:
                    evidence.parts.setdefault(whole, [])
                    if actor not in evidence.parts[whole]:
                        evidence.parts[whole].append(actor)
                if whole not in wholes:
                    wholes.append(whole)
                if whole not in evidence.mentioned:
                    evidence.mentioned.append(whole)
            clause = blanked[start:end]
            if len(wholes) < 2 or _negated(clause, rules):
                continue
            ordered = sorted(wholes, key=rules.tier_index)  # stable: mention order within a tier
            tiers: list[list[str]] = []
            for actor in ordered:
                if tiers and rules.tier_index(tiers[-1][0]) == rules.tier_index(actor):
                    tiers[-1].append(actor)
                else:
                    tiers.append([actor])
            pairs = [(a, b) for left, right in pairwise(tiers) for a in left for b in right]
            label = label_text(clause) if len(pairs) == 1 else ""
            for pair in pairs:
                if not evidence.links.get(pair):
                    evidence.links[pair] = label
    return evidence


def build_flowchart(
    steps: list[Step], rules: DiagramRules, *, cued: bool, fanout: bool = False
) -> Flowchart | None:
    """A flowchart of the actors the steps link, or None when they do not make one.

    ``cued``: something around the list says it is a flow; without a cue, the
    list must name enough components (items named after an actor) to count.
    """
    settings = rules.flowchart
    heads = [head_actor(_plain(step.text), rules.things) for step in steps]
    components = {h for h, s in zip(heads, steps, strict=True) if h and s.depth == 0}
    if not cued and len(components) < settings.min_components:
        return None
    evidence = _gather(steps, heads, rules)
    links = dict(evidence.links)
    by_tier: dict[int, list[str]] = {}
    for actor in evidence.mentioned:
        by_tier.setdefault(rules.tier_index(actor), []).append(actor)
    if all(len(actors) == 1 for actors in by_tier.values()):
        # A pipeline: one actor per tier. Consecutive tiers are linked even
        # where no sentence names both ("front end" ... "queue" ... "workers").
        chain = [by_tier[t][0] for t in sorted(by_tier)]
        for a, b in pairwise(chain):
            if not any({x, y} == {a, b} for x, y in links):
                links[(a, b)] = ""
    linked = [a for a in evidence.mentioned if any(a in pair for pair in links)]
    if len(linked) < settings.min_nodes or len(links) < settings.min_edges:
        return None
    if len(linked) > settings.max_nodes:
        raise CannotDraw(f"{len(linked)} actors; at most {settings.max_nodes} are drawn")
    chart = Flowchart("flowchart", "LR")
    copied: set[str] = set()
    if fanout and evidence.quantified:
        copied = _downstream(evidence.quantified[0], links)
    copies = max(1, settings.fanout.copies) if copied else 1
    for actor in sorted(linked, key=rules.tier_index):
        name = rules.actor(actor).name
        for n in range(1, copies + 1) if actor in copied else (0,):
            key = f"{actor}#{n}" if n else actor
            label = f"{name} {n}" if n else name
            parts = evidence.parts.get(actor)
            if parts:
                chart.boxes.append(Box(key, label))
                chart.nodes.extend(
                    Node(f"{part}#{n}" if n else part, rules.actor(part).name, key)
                    for part in parts
                )
            else:
                chart.nodes.append(Node(key, label))
    for (a, b), label in links.items():
        for n in range(1, copies + 1) if (a in copied or b in copied) else (0,):
            source = f"{a}#{n}" if n and a in copied else a
            target = f"{b}#{n}" if n and b in copied else b
            chart.edges.append(Edge(source, target, label))
    return narrowest(chart)


def _downstream(start: str, links: dict[tuple[str, str], str]) -> set[str]:
    """The actor and everything its arrows lead to."""
    reached, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for a, b in links:
            if a == current and b not in reached:
                reached.add(b)
                todo.append(b)
    return reached


# -- transitions ---------------------------------------------------------------


def group_members(
    steps: list[Step], rules: DiagramRules, rule: TransitionRule
) -> list[tuple[str, str]]:
    """(actor, the notes' own words for it) for each item of a list named after a group member."""
    matcher = rules.group_matchers[rule.group]
    members: list[tuple[str, str]] = []
    for step in steps:
        actor = head_actor(_plain(step.text), matcher)
        if actor and all(a != actor for a, _ in members):
            label = squash(blank_asides(_plain(step.text), matcher)).rstrip(" .")
            members.append((actor, label))
    return members if len(members) >= rule.min_members else []


def _from_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    """The words from the first phrase found to the end of its clause."""
    match = find_phrase(text, phrases)
    if match is None:
        return None
    for start, end in clause_spans(text):
        if start <= match.start() < end:
            return label_text(text[match.start() : end])
    return label_text(text[match.start() :])


def build_transitions(
    steps: list[Step], members: list[tuple[str, str]], rules: DiagramRules, rule: TransitionRule
) -> Flowchart | None:
    """The members' one-way moves when the steps describe moving between them, else None."""
    text = " ".join(_plain(step.text).strip() for step in steps)
    moved = _from_phrase(text, rule.cues)
    if moved is None or len(members) < 2:
        return None
    named = [m.actor for m in rules.group_matchers[rule.group].find(text)]
    known = [actor for actor, _ in members]
    origin = next((a for a in named if a in known), known[0])
    chart = Flowchart("transitions", "TD")
    chart.nodes.append(Node(origin, dict(members)[origin]))
    chart.boxes.append(Box("others", rule.name or "Other members"))
    others = [(actor, label) for actor, label in members if actor != origin]
    chart.nodes.extend(Node(actor, label, "others") for actor, label in others)
    chart.edges.append(Edge(origin, "others", moved, "thick"))
    # The members one under another, in the notes' order (no arrow: no move).
    chart.edges.extend(Edge(a, b, style="order") for (a, _), (b, _) in pairwise(others))
    back = _from_phrase(text, rule.one_way)
    if back:
        chart.edges.append(Edge("others", origin, back, "blocked"))
    return chart
