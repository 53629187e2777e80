"""The pipeline of one build: notes and data in, a NotesState out.

Reads the notes (``reading``), plans the pages (``planning``), runs every
transform over every page once (``transforms``) and writes each page's
Markdown (``output.page``). ``load_state`` keeps the result in the build
cache under a key made of everything it depends on, so a build in which
nothing changed skips all of it.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from notesite.cache import BuildCache, digest, versions
from notesite.reading.source import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    discover_sources,
    notes_base,
    notes_root,
)
from notesite.state import NotesState

if TYPE_CHECKING:
    from notesite.transforms.context import Transform

# What only computing a state needs (reading, planning, every transform) is
# imported where it is used: a build whose state comes from the cache runs
# none of it, and importing it all is a twentieth of such a build.

DEFAULT_SOURCE = "notes/aws-notes.md"
DEFAULT_CATALOGUE = "docs/_data/catalogue.yml"
# Relative to the project; `cache: false` under extra.notes turns it off.
DEFAULT_CACHE = ".cache/notes-site"
REMOTE_FOLDER = "remote-pictures"  # in the build cache: pictures fetched from the web
KEPT_FOLDER = "kept"  # in the cache folder: values made from a state (see kept)
DATA_DIR = "docs/_data"  # the data files the transforms read
CODE_DIR = Path(__file__).resolve().parent.parent  # the hooks and this package
# Libraries whose version changes what the notes become.
CACHE_LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "mdformat",
    "mdformat-mkdocs",
    "mdformat-gfm",
    "mdformat-footnote",
    "mdformat-frontmatter",
    "PyYAML",
    "nh3",
)
# The names of all_transforms(), known without importing them (settings check skip).
TRANSFORM_NAMES = (
    "quiz",
    "callouts",
    "embeds",
    "heading_links",
    "tables",
    "diagrams",
    "images",
    "crosslinks",
)


def all_transforms() -> tuple[tuple[str, Transform], ...]:
    """The transforms applied in order to every page's tokens, each under the
    name that ``extra.notes.skip`` leaves it out by. Diagrams come before the
    image check: a diagram takes the place of the missing picture of its flow.
    The quiz comes first: a question's options are a list that the tables and
    diagrams must not read as facts or steps, and its answer block must still
    be the author's HTML, not an admonition."""
    from notesite.transforms.callouts.transform import convert_callouts, convert_embeds
    from notesite.transforms.diagrams.transform import transform_flows
    from notesite.transforms.images.transform import check_images
    from notesite.transforms.links.crosslinks import link_services
    from notesite.transforms.links.headings import rewrite_heading_links
    from notesite.transforms.quiz.transform import transform_quiz
    from notesite.transforms.tables.transform import transform_tables

    return (
        ("quiz", transform_quiz),
        ("callouts", convert_callouts),
        ("embeds", convert_embeds),
        ("heading_links", rewrite_heading_links),
        ("tables", transform_tables),
        ("diagrams", transform_flows),
        ("images", check_images),
        ("crosslinks", link_services),
    )


@dataclass(frozen=True)
class Settings:
    """``extra.notes`` of mkdocs.yml, with its defaults (checked by notesite.settings)."""

    source: str = DEFAULT_SOURCE  # relative to the project, or absolute
    catalogue: str = DEFAULT_CATALOGUE
    skip: frozenset[str] = frozenset()  # names of all_transforms() to leave out
    cache: str | None = DEFAULT_CACHE  # a folder relative to the project, or None
    # The folder the notes' pictures may come from; None: their repository.
    root: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE  # a notes folder's files that are notes
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE  # ... and those that are not
    # "fetch": pictures from the web are kept with the site; "link": they stay links.
    remote_pictures: str = "fetch"


def apply_transforms(
    state: NotesState,
    root: Path,
    skip: frozenset[str] = frozenset(),
    pictures_root: Path | None = None,
    base: Path | None = None,
    remote: Any = None,
) -> None:
    """Run every transform over every page, once per build; ``skip`` names the
    transforms to leave out, ``pictures_root`` the folder local files must be in,
    ``base`` the folder the notes' paths are relative to (default ``root``),
    ``remote`` the build's pictures from the web (None: they stay links)."""
    from notesite.reading.parse import make_parser
    from notesite.transforms.context import PageContext
    from notesite.transforms.links.headings import anchor_map

    transforms = [transform for name, transform in all_transforms() if name not in skip]
    env, all_tokens = state.notes.env, state.notes.tokens
    anchors = anchor_map(state.notes, state.plan)
    cache: dict[str, Any] = {"mdit": make_parser()}
    page_slugs = frozenset(page.slug for page in state.plan.pages)
    for page in state.plan.pages:
        context = PageContext(
            notes_path=page.main_source or state.notes.path,
            slug=page.slug,
            root=root,
            notes_root=pictures_root,
            notes_base=base,
            env=dict(env),
            notes_tokens=all_tokens,
            anchors=anchors,
            cache=cache,
            catalogue=state.catalogue,
            page_slugs=page_slugs,
            remote=remote,
        )
        for transform in transforms:
            page.tokens = transform(page.tokens, context)
        state.messages.extend(context.messages)
        if context.quiz is not None:
            state.quizzes[page.slug] = context.quiz
        state.assets.update({dest: source for source, dest in context.assets})
        state.looked_at.update(context.looked_at)


def shown_base(root: Path, sources: list[Path]) -> Path:
    """The folder paths are shown from when no one names it: the project when it
    holds every notes file, else the folder the notes files share."""
    resolved = [path.resolve() for path in sources]
    if all(path.is_relative_to(root.resolve()) for path in resolved) or not resolved:
        return root
    return Path(os.path.commonpath([path.parent for path in resolved]))


def compute_state(
    root: Path,
    catalogue_path: Path,
    sources: list[Path],
    skip: frozenset[str],
    pictures_root: Path | None = None,
    base: Path | None = None,
    remote: Any = None,
) -> NotesState:
    """Read, parse, sanitise, plan, check and transform the notes; write each
    page's Markdown. ``remote``: a transforms.images.remote.RemotePictures."""
    from notesite.output.page import page_markdown
    from notesite.planning.catalogue import load_catalogue
    from notesite.planning.plan import Message, plan_site
    from notesite.reading.checks import check_notes, remote_image_message
    from notesite.reading.limits import check_page_count
    from notesite.reading.parse import NotesSet, make_parser, parse_notes
    from notesite.reading.sanitise import sanitise_tokens
    from notesite.reading.source import read_notes, shown_path

    catalogue = load_catalogue(catalogue_path)
    base = base or shown_base(root, sources)
    texts = [read_notes(path, shown_path(path, base)) for path in sources]
    mdit = make_parser()
    notes = NotesSet([parse_notes(t.text, t.path, mdit) for t in texts])
    # Untrusted input: made safe before any later stage sees it.
    removed = [
        finding for parsed in notes.files for finding in sanitise_tokens(parsed.tokens, parsed.path)
    ]
    plan = plan_site(notes, catalogue)
    check_page_count(
        [(page.main_source, page.sources[0][1]) for page in plan.pages if page.sources]
    )
    state = NotesState(notes, catalogue, plan)
    state.messages[:0] = [Message(t.path, line, text) for t in texts for line, text in t.problems]
    state.findings = removed + check_notes(notes)
    apply_transforms(state, root, skip, pictures_root, base, remote)
    if remote is not None:
        # A picture kept with the site is no longer loaded from the network.
        fetched = {remote_image_message(url) for url in remote.fetched()}
        state.findings = [f for f in state.findings if f.message not in fetched]
        state.remote_note = remote.summary()
    state.markdown = {page.slug: page_markdown(page, notes.env, mdit) for page in state.plan.pages}
    return state


def state_key(root: Path, catalogue_path: Path, sources: list[Path], settings: Settings) -> str:
    """What the state is made from: the notes, the data, the code, the
    libraries that read and write Markdown, and the notes settings."""
    data = root / DATA_DIR
    files = [
        *sources,
        catalogue_path,
        *sorted(p for p in data.rglob("*") if p.is_file()),
        *sorted(CODE_DIR.rglob("*.py")),
    ]
    values = [
        str(root),
        settings.source,
        str(notes_root(root, settings.source, settings.root)),
        *sorted(settings.skip),
        repr((settings.include, settings.exclude)),
        settings.remote_pictures,
        *versions(CACHE_LIBRARIES),
    ]
    return digest(files, values)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while the notes are worked on: it makes a great
    many small objects that live as long as the build, and the collector would
    walk them all again and again, finding nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_state(root: Path, settings: Settings) -> NotesState:
    """The build's NotesState: from the build cache when nothing it was made
    from has changed, else computed (and stored there). Raises NotesSiteError
    for notes, a catalogue or data that cannot be used."""
    catalogue_path = root / settings.catalogue
    sources = discover_sources(root, settings.source, settings.include, settings.exclude)
    cache = BuildCache(root / settings.cache) if settings.cache else None
    key = state_key(root, catalogue_path, sources, settings) if cache else ""
    with collector_paused():
        cached = cache.load(key) if cache is not None else None
        if isinstance(cached, NotesState):
            cached.from_cache = True
            state = cached
        else:
            pictures_root = notes_root(root, settings.source, settings.root)
            base = notes_base(root, settings.source)
            from notesite.transforms.images.remote import RemotePictures

            folder = root / (settings.cache or DEFAULT_CACHE) / REMOTE_FOLDER
            remote = RemotePictures(folder, settings.remote_pictures)
            state = compute_state(
                root, catalogue_path, sources, settings.skip, pictures_root, base, remote
            )
            if cache is not None:
                cache.store(key, state, depends_on=state.looked_at)
    if cache is not None:
        state.kept_in = (cache.folder / KEPT_FOLDER, key)
    return state


T = TypeVar("T")


def kept(state: NotesState, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, a value made from the state and the project's data alone
    (what the state's key covers), kept in the build cache beside the state:
    the next build with the same state reads it instead of computing it."""
    entry = kept_entry(state, name)
    if entry is None:
        return compute()
    cache, key = entry
    found = cache.load(key)
    if isinstance(found, tuple) and len(found) == 1:
        return found[0]  # type: ignore[no-any-return]
    with collector_paused():
        value = compute()
    cache.store(key, (value,), depends_on=state.looked_at)
    return value


def kept_entry(state: NotesState, name: str) -> tuple[BuildCache, str] | None:
    """Where ``kept`` keeps the value called ``name`` for this state: the cache
    and the key; None when the build cache is off."""
    if state.kept_in is None:
        return None
    folder, state_key = state.kept_in
    return BuildCache(folder, keep=16), digest([], [state_key, name])
