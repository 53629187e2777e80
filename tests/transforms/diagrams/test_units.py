"""The pieces of the flow transform: reading steps, escaping, checking, data files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from notesite.transforms.diagrams.data import DiagramDataError, DiagramRules, parse_rules
from notesite.transforms.diagrams.mermaid import check_mermaid, escape_label, render_mermaid
from notesite.transforms.diagrams.model import (
    CannotDraw,
    Edge,
    Flowchart,
    Message,
    Node,
    Note,
    Sequence,
    Step,
    build_chain,
    build_flowchart,
    build_sequence,
)
from notesite.transforms.diagrams.text import blank_asides, head_actor, label_text, mentions

from .conftest import PROJECT, transform

# -- reading a step -------------------------------------------------------------


def test_longest_alias_wins(rules: DiagramRules) -> None:
    """ "order rail" is one actor, not "rail" plus a stray word."""
    found = mentions("pin it on the order rail", rules.matcher)
    assert [(m.actor, m.start) for m in found] == [("pass", 14)]


def test_alias_is_a_whole_word(rules: DiagramRules) -> None:
    """An alias inside a longer word ("streaming", "stream-lined") is no mention."""
    assert mentions("streaming data, stream-lined", rules.matcher) == []


def test_apposition_names_the_actor(rules: DiagramRules) -> None:
    """ "a store (bucket)": the name in parentheses is the one that counts."""
    text = blank_asides("the cook puts it in a bin (bucket) for later", rules.matcher)
    assert [m.actor for m in mentions(text, rules.matcher)] == ["cook", "bucket"]


def test_other_asides_are_blanked(rules: DiagramRules) -> None:
    """An aside in parentheses is not read for actors, and positions stay put."""
    text = "Google returns a token (it proves who you are)."
    blanked = blank_asides(text, rules.matcher)
    assert len(blanked) == len(text)
    assert [m.actor for m in mentions(blanked, rules.matcher)] == ["idp"]


def test_head_actor(rules: DiagramRules) -> None:
    """An item named after an actor is a component; a sentence is not."""
    assert head_actor("Stream.", rules.things) == "stream"
    assert head_actor("Producers (many of them)", rules.things) == "producers"
    assert head_actor("The stream is fast", rules.things) is None


def test_a_label_is_never_cut() -> None:
    """A long label keeps every word (mermaid wraps it); spaces and edge commas go."""
    long = " ".join(["word"] * 60)
    assert label_text(long) == long
    assert label_text("  short ,") == "short"


# -- building diagrams ----------------------------------------------------------


def test_chain_directions(rules: DiagramRules) -> None:
    """ "->" points forward and "<-" backward, between the notes' own words."""
    chart = build_chain("a -> b <- c", rules)
    assert chart is not None
    assert [n.label for n in chart.nodes] == ["a", "b", "c"]
    assert [(e.source, e.target) for e in chart.edges] == [("step0", "step1"), ("step2", "step1")]


def test_chain_needs_two_arrows(rules: DiagramRules) -> None:
    """One arrow ("10 TB -> 10 PB") is a range, not a flow."""
    assert build_chain("10 TB -> 10 PB", rules) is None


def test_chain_with_an_empty_step_cannot_be_drawn(rules: DiagramRules) -> None:
    """An arrow with nothing on one side is reported, not drawn."""
    with pytest.raises(CannotDraw, match="no step"):
        build_chain("a -> -> b", rules)


def test_sequence_implied_sender(rules: DiagramRules) -> None:
    """A step that names only its object is sent by whoever received last."""
    steps = [
        Step("Log in to Google."),
        Step("Google returns a token."),
        Step("Pass the token to STS."),
    ]
    diagram = build_sequence(steps, rules)
    assert diagram is not None
    assert [(e.source, e.target) for e in diagram.events if isinstance(e, Message)] == [
        ("user", "idp"),
        ("idp", "user"),
        ("user", "sts"),
    ]


def test_sequence_note_when_nobody_is_addressed(rules: DiagramRules) -> None:
    """A step whose only actor acts alone is a note over that actor."""
    steps = [
        Step("The waiter brings the menu to the guest."),
        Step("The guest reads the menu."),
        Step("The guest orders from the waiter."),
        Step("The waiter passes the order to the cook."),
    ]
    diagram = build_sequence(steps, rules)
    assert diagram is not None
    assert Note("guest", "The guest reads the menu.") in diagram.events


def test_too_few_messages_is_no_sequence(rules: DiagramRules) -> None:
    """A list that mostly states facts is not a sequence."""
    steps = [
        Step("The cook is fast."),
        Step("Cooks wear hats."),
        Step("The waiter greets the guest."),
    ]
    assert build_sequence(steps, rules) is None


def test_flowchart_orders_by_tier(rules: DiagramRules) -> None:
    """Arrows run from client to storage whatever order the sentence names them in."""
    steps = [Step("The bucket is filled by the workers."), Step("Workers read the queue.")]
    chart = build_flowchart(steps, rules, cued=True)
    assert chart is not None
    assert {(e.source, e.target) for e in chart.edges} == {
        ("queue", "worker"),
        ("worker", "bucket"),
    }


def test_flowchart_without_cue_needs_components(rules: DiagramRules) -> None:
    """Sentences alone, with nothing saying they are a flow, are not drawn."""
    steps = [Step("Workers read the queue."), Step("Workers fill the bucket.")]
    assert build_flowchart(steps, rules, cued=False) is None


def test_negated_clause_draws_no_arrow(rules: DiagramRules) -> None:
    """ "Guests do not talk to the cook": no arrow from guest to cook."""
    steps = [
        Step("Guests do not talk to the cook."),
        Step("The guest orders from the waiter."),
        Step("The waiter pins it on the rail."),
    ]
    chart = build_flowchart(steps, rules, cued=True)
    assert chart is not None
    assert ("guest", "cook") not in {(e.source, e.target) for e in chart.edges}


# -- writing mermaid -------------------------------------------------------------

SPECIAL = '"#;%<>&`|\\{}:,\n'


def test_escape_label_leaves_no_syntax() -> None:
    """Every character mermaid or HTML reads as syntax becomes an entity code."""
    escaped = escape_label('a "b" <c> & d; e# 50% `f` | {g} \\ h')
    assert not set(escaped) & set('"<>&`|{}\\')
    assert escaped.count("#quot;") == 2


@given(st.text(min_size=1, max_size=60))
def test_any_text_makes_a_valid_flowchart(text: str) -> None:
    """Whatever a note says, the flowchart written from it passes the checker."""
    chart = Flowchart("chain", "LR", nodes=[Node("a", text), Node("b", text + SPECIAL)])
    chart.edges = [Edge("a", "b", text)]
    assert check_mermaid(render_mermaid(chart, text)) == []


@given(st.text(min_size=1, max_size=60))
def test_any_text_makes_a_valid_sequence(text: str) -> None:
    """Whatever a step says, the sequence written from it passes the checker."""
    diagram = Sequence(
        participants=[("a", text), ("b", text + SPECIAL)],
        events=[Message("a", "b", text), Note("b", SPECIAL + text)],
    )
    assert check_mermaid(render_mermaid(diagram, text)) == []


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('flowchart LR\n  n1["a "quoted" b"]\n  n1 --> n1\n', "not a statement"),
        ('flowchart LR\n  n1["a"]\n  n1 --> n2\n', "never declared"),
        ('flowchart LR\n  subgraph n1["a"]\n  n2["b"]\n  n2 --> n1\n', "not closed"),
        ("sequenceDiagram\n  participant p1 as A; B\n  p1->>p1: x\n", "not a statement"),
        ('graph LR\n  n1["a"]\n', "unknown diagram type"),
        ('flowchart LR\n  n1["a"]\n', "no arrow"),
    ],
)
def test_checker_rejects(source: str, problem: str) -> None:
    """The checker catches what would break mermaid or the page."""
    assert any(problem in p for p in check_mermaid(source))


# -- data files ------------------------------------------------------------------


def _data() -> tuple[dict, dict]:
    data = PROJECT / "docs" / "_data"
    actors = yaml.safe_load((data / "actors.yml").read_text(encoding="utf-8"))
    flows = yaml.safe_load((data / "flows.yml").read_text(encoding="utf-8"))
    return actors, flows


def test_unknown_tier_is_an_error() -> None:
    """An actor in a tier flows.yml does not list names the file and the actor."""
    actors, flows = _data()
    actors["actors"][0]["tier"] = "nowhere"
    with pytest.raises(DiagramDataError, match=r"actors\[0\] \(user\): tier 'nowhere'"):
        parse_rules(actors, flows)


def test_unquoted_yaml_word_is_an_error() -> None:
    """A bare `on` (read by YAML as true) among words is reported, not used as "True"."""
    actors, flows = _data()
    flows["words"]["object_markers"].append(True)
    with pytest.raises(DiagramDataError, match="quote words"):
        parse_rules(actors, flows)


def test_implied_actor_must_exist() -> None:
    """The actor steps mean when they name no one must be an actor."""
    actors, flows = _data()
    flows["sequence"]["implied_actor"] = "nobody"
    with pytest.raises(DiagramDataError, match="implied_actor 'nobody'"):
        parse_rules(actors, flows)


def test_duplicate_actor_id_is_an_error() -> None:
    """Two actors with one id would make diagrams ambiguous."""
    actors, flows = _data()
    actors["actors"].append(dict(actors["actors"][0]))
    with pytest.raises(DiagramDataError, match="used twice"):
        parse_rules(actors, flows)


# -- the transform as a whole -------------------------------------------------------


def test_no_flow_leaves_tokens_unchanged() -> None:
    """A page without flows comes back as the very same tokens."""
    text = (PROJECT.parent / "cases" / "no_flow.md").read_text(encoding="utf-8")
    result = transform(text)
    assert result.after is result.before
    assert result.warnings == []


def test_editing_a_step_changes_the_diagram() -> None:
    """The diagram is drawn from the notes: edit a step and the drawing follows."""
    steps = (
        "Signing in goes as below:\n\n"
        "- You log in to Google.\n- Google returns a token.\n- You pass the token to {}.\n"
    )
    to_sts = transform(steps.format("STS")).markdown
    to_cognito = transform(steps.format("Cognito")).markdown
    assert "participant p3 as Token service" in to_sts
    assert "participant p3 as Cognito" in to_cognito
    assert "p1->>p3: You pass the token to Cognito." in to_cognito


def test_a_flow_that_cannot_be_drawn_stays_a_list() -> None:
    """An unusable chain keeps its list form and is reported at its line."""
    result = transform("# Page\n\ntext\n\n- a -> -> b\n")
    assert "```mermaid" not in result.markdown
    assert "- a -> -> b" in result.markdown
    assert result.warnings == [
        "notes.md:5: this chain of arrows is not drawn as a diagram (an arrow has no step on "
        "one side); it stays a list."
    ]


def test_a_project_without_actors_gets_no_diagrams(tmp_path: Path) -> None:
    """Without docs/_data/actors.yml the notes are left exactly as they are."""
    text = (PROJECT.parent / "cases" / "chain.md").read_text(encoding="utf-8")
    result = transform(text, root=tmp_path)
    assert result.after is result.before
    assert result.warnings == []


def test_data_errors_stop_the_build_with_a_message() -> None:
    """An unusable data file is a NotesSiteError: the hook makes it a PluginError,
    which MkDocs prints instead of a traceback."""
    from notesite.errors import NotesSiteError

    actors, flows = _data()
    del actors["actors"][0]["name"]
    with pytest.raises(NotesSiteError, match=r"actors\[0\] needs an `id` and a `name`"):
        parse_rules(actors, flows)


def test_a_list_of_kinds_is_no_sequence() -> None:
    """Items that each name actors, under a lead that announces no steps, stay a list."""
    kinds = (
        "Kinds of sign-in:\n\n"
        "- Federated: you log in to Google and pass its token to STS.\n"
        "- Direct: you ask STS for credentials for the bucket.\n"
        "- Brokered: Cognito passes your Google token to STS.\n"
    )
    assert "```mermaid" not in transform(kinds).markdown
    steps = kinds.replace("Kinds of sign-in:", "Signing in goes as follows:")
    assert "sequenceDiagram" in transform(steps).markdown
