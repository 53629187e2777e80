"""Write a diagram model as mermaid source that parses, whatever the notes say.

Valid by construction: every identifier is generated (``n1``, ``p1``), every
label is quoted or sits where mermaid reads text to the end of the line, and
every character mermaid or HTML could read as syntax is written as a mermaid
entity code (``#quot;``, ``#lt;``, ``#59;`` ...), which mermaid turns back
into the character when it draws. ``check_mermaid`` re-reads the output line
by line against the few statement forms written here; the transform refuses
to place a diagram it rejects.
"""

from __future__ import annotations

import re

from notesite.transforms.diagrams.model import Diagram, Flowchart, Message, Sequence

# Characters that end or change a label in some diagram type, or that HTML
# reads as markup (the fence is copied into the page without escaping).
_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    "%": "#37;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
    "{": "#123;",
    "}": "#125;",
}
# Participant names also end at ":" and ",".
_PARTICIPANT_ENTITIES = {**_ENTITIES, ":": "#58;", ",": "#44;"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")

# Messages wrap within narrow lanes, so a sequence stays readable on a phone;
# the participants are not repeated at the bottom.
_SEQUENCE_CONFIG = [
    "---",
    "config:",
    "  sequence:",
    "    wrap: true",
    "    width: 120",
    "    mirrorActors: false",
    "---",
]

_ARROWS = {"arrow": "-->", "thick": "==>", "blocked": "x-.-", "order": "~~~"}


def escape_label(text: str, table: dict[str, str] = _ENTITIES) -> str:
    """Text that mermaid shows as written: one line, syntax characters as entity codes."""
    text = _CONTROL.sub(" ", text).strip()
    return "".join(table.get(char, char) for char in text) or "#8203;"


def render_mermaid(diagram: Diagram, title: str) -> str:
    """The mermaid source of a diagram, with an accessible title."""
    if isinstance(diagram, Sequence):
        return _render_sequence(diagram, title)
    return _render_flowchart(diagram, title)


def _render_sequence(diagram: Sequence, title: str) -> str:
    ids = {actor: f"p{i}" for i, (actor, _) in enumerate(diagram.participants, 1)}
    lines = [*_SEQUENCE_CONFIG, "sequenceDiagram", f"  accTitle: {escape_label(title)}"]
    lines += [
        f"  participant {ids[a]} as {escape_label(name, _PARTICIPANT_ENTITIES)}"
        for a, name in diagram.participants
    ]
    for event in diagram.events:
        if isinstance(event, Message):
            lines.append(
                f"  {ids[event.source]}->>{ids[event.target]}: {escape_label(event.label)}"
            )
        else:
            lines.append(f"  Note over {ids[event.actor]}: {escape_label(event.label)}")
    return "\n".join(lines) + "\n"


def _render_flowchart(diagram: Flowchart, title: str) -> str:
    keys = [b.key for b in diagram.boxes] + [n.key for n in diagram.nodes]
    ids = {key: f"n{i}" for i, key in enumerate(keys, 1)}
    lines = [f"flowchart {diagram.direction}", f"  accTitle: {escape_label(title)}"]
    drawn_boxes: set[str] = set()
    for node in diagram.nodes:
        if node.box is None:
            lines.append(f'  {ids[node.key]}["{escape_label(node.label)}"]')
        elif node.box not in drawn_boxes:
            drawn_boxes.add(node.box)
            box = next(b for b in diagram.boxes if b.key == node.box)
            lines.append(f'  subgraph {ids[box.key]}["{escape_label(box.label)}"]')
            lines.append("    direction TB")
            for inner in (n for n in diagram.nodes if n.box == box.key):
                lines.append(f'    {ids[inner.key]}["{escape_label(inner.label)}"]')
            lines.append("  end")
    for edge in diagram.edges:
        arrow = _ARROWS[edge.style]
        label = f'|"{escape_label(edge.label)}"|' if edge.label else ""
        source, target = ids[edge.source], ids[edge.target]
        if edge.style == "blocked":
            # Written from its target, crossed at that end: a move that cannot
            # happen must not turn the layout upside down as a loop would.
            source, target = target, source
        lines.append(f"  {source} {arrow}{label} {target}")
    return "\n".join(lines) + "\n"


# -- checking ------------------------------------------------------------------

_TEXT = r'(?:[^"#;%<>&`|\\{}\n\x00-\x1f]|#\w+;)+'
_NAME = r'(?:[^"#;%<>&`|\\{}:,\n\x00-\x1f]|#\w+;)+'
_FORMS = {
    "sequence": [
        re.compile(rf"  accTitle: {_TEXT}"),
        re.compile(rf"  participant (?P<decl>p\d+) as {_NAME}"),
        re.compile(rf"  (?P<a>p\d+)->>(?P<b>p\d+): {_TEXT}"),
        re.compile(rf"  Note over (?P<a>p\d+): {_TEXT}"),
    ],
    "flowchart": [
        re.compile(rf"  accTitle: {_TEXT}"),
        re.compile(rf' {{2,4}}(?P<decl>n\d+)\["{_TEXT}"\]'),
        re.compile(rf'  subgraph (?P<box>n\d+)\["{_TEXT}"\]'),
        re.compile(r"    direction (?:TB|LR)"),
        re.compile(r"  end"),
        re.compile(rf'  (?P<a>n\d+) (?:-->|==>|x-\.-)(?:\|"{_TEXT}"\|)? (?P<b>n\d+)'),
        re.compile(r"  (?P<a>n\d+) ~~~ (?P<b>n\d+)"),
    ],
}


def check_mermaid(source: str) -> list[str]:
    """Problems with generated mermaid source (empty when every line is a known, safe form)."""
    lines = source.rstrip("\n").split("\n")
    if lines[: len(_SEQUENCE_CONFIG)] == _SEQUENCE_CONFIG:
        lines = lines[len(_SEQUENCE_CONFIG) :]
    if lines[0] == "sequenceDiagram":
        forms = _FORMS["sequence"]
    elif re.fullmatch(r"flowchart (?:LR|TD)", lines[0]):
        forms = _FORMS["flowchart"]
    else:
        return [f"line 1: unknown diagram type {lines[0]!r}"]
    problems: list[str] = []
    declared: set[str] = set()
    used: list[tuple[int, str]] = []
    depth = 0
    for number, line in enumerate(lines[1:], 2):
        match = next((m for form in forms if (m := form.fullmatch(line))), None)
        if match is None:
            problems.append(f"line {number}: not a statement this renderer writes: {line!r}")
            continue
        groups = match.groupdict()
        for name in ("decl", "box"):
            if groups.get(name):
                if groups[name] in declared:
                    problems.append(f"line {number}: {groups[name]} declared twice")
                declared.add(groups[name])
        depth += 1 if groups.get("box") else -1 if line == "  end" else 0
        if depth < 0:
            problems.append(f"line {number}: 'end' without a subgraph")
            depth = 0
        used += [(number, groups[k]) for k in ("a", "b") if groups.get(k)]
    if depth:
        problems.append("a subgraph is not closed")
    problems += [
        f"line {n}: {ident} is used but never declared"
        for n, ident in used
        if ident not in declared
    ]
    if not used:
        problems.append("the diagram has no arrow")
    return problems
