"""MkDocs hook: turn the notes into one generated page per service.

Glue only: it reads the notes and the catalogue named in ``extra.notes`` of
mkdocs.yml, calls the pure planner once per build, logs what it found wrong
(file:line), puts the navigation together by category and adds the pages as
generated files. The plan is kept on the config object, never in module
state, because ``mkdocs serve`` reuses this module across rebuilds.
"""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_cache import BuildCache, digest, versions
from callouts import convert_callouts, convert_embeds
from catalogue import OTHER_CATEGORY, CatalogueError, Category, load_catalogue
from comparison_tables import transform_tables
from flow_diagrams import transform_flows
from heading_links import anchor_map, rewrite_heading_links
from home_cards import services_markdown
from images import check_images
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from notes_checks import Finding, check_notes
from notes_parse import NotesSet, make_parser, parse_notes
from notes_source import NotesSourceError, discover_sources, read_notes, shown_path
from notes_state import NotesState
from page_markdown import page_markdown
from site_plan import Message, plan_site
from study_crosslinks import link_services
from transforms import PageContext, Transform

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.notes_site")

STATE_KEY = "notes_site"
DEFAULT_SOURCE = "notes/aws-notes.md"
DEFAULT_CATALOGUE = "docs/_data/catalogue.yml"
# Relative to the project; `cache: false` under extra.notes turns it off.
DEFAULT_CACHE = ".cache/notes-site"
DATA_DIR = "_data"  # in docs/: the data files the transforms read
HOOKS_DIR = Path(__file__).resolve().parent
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
)
SERVICES_MARKER = "<!-- notes:services -->"

# Applied in order to every page's tokens. Diagrams come before the image
# check: a diagram takes the place of the missing picture of its flow.
TRANSFORMS: tuple[Transform, ...] = (
    convert_callouts,
    convert_embeds,
    rewrite_heading_links,
    transform_tables,
    transform_flows,
    check_images,
    link_services,
)


def is_warning(problem: Message | Finding) -> bool:
    """Everything but a notes check's suggestion is a warning."""
    return not (isinstance(problem, Finding) and problem.severity != "warning")


def apply_transforms(state: NotesState, root: Path, skip: frozenset[str] = frozenset()) -> None:
    """Run every transform over every page, once per build; ``skip`` names the
    modules of transforms to leave out (``extra.notes.skip`` in mkdocs.yml)."""
    transforms = [t for t in TRANSFORMS if t.__module__ not in skip]
    env, all_tokens = state.notes.env, state.notes.tokens
    anchors = anchor_map(state.notes, state.plan)
    cache: dict[str, Any] = {"mdit": make_parser()}
    page_slugs = frozenset(page.slug for page in state.plan.pages)
    for page in state.plan.pages:
        context = PageContext(
            notes_path=page.main_source or state.notes.path,
            slug=page.slug,
            root=root,
            env=dict(env),
            notes_tokens=all_tokens,
            anchors=anchors,
            cache=cache,
            catalogue=state.catalogue,
            page_slugs=page_slugs,
        )
        for transform in transforms:
            page.tokens = transform(page.tokens, context)
        state.messages.extend(context.messages)
        state.assets.update({dest: source for source, dest in context.assets})
        state.looked_at.update(context.looked_at)


def notes_settings(config: MkDocsConfig) -> dict[str, Any]:
    settings = config.extra.get("notes") or {}
    cache = settings.get("cache", DEFAULT_CACHE)
    return {
        "source": settings.get("source", DEFAULT_SOURCE),
        "catalogue": settings.get("catalogue", DEFAULT_CATALOGUE),
        "skip": frozenset(settings.get("skip") or ()),
        # A folder (relative to the project), or false for no cache.
        "cache": DEFAULT_CACHE if cache is True else (str(cache) if cache else None),
    }


def compute_state(
    root: Path, catalogue_path: Path, sources: list[Path], skip: frozenset[str]
) -> NotesState:
    """Read, parse, plan, check and transform the notes; write each page's Markdown."""
    try:
        catalogue = load_catalogue(catalogue_path)
    except CatalogueError as error:
        raise PluginError(str(error)) from error
    try:
        texts = [read_notes(path, shown_path(path, root)) for path in sources]
    except NotesSourceError as error:
        raise PluginError(str(error)) from error
    mdit = make_parser()
    notes = NotesSet([parse_notes(t.text, t.path, mdit) for t in texts])
    state = NotesState(notes, catalogue, plan_site(notes, catalogue))
    state.messages[:0] = [Message(t.path, line, text) for t in texts for line, text in t.problems]
    state.findings = check_notes(notes)
    apply_transforms(state, root, skip)
    state.markdown = {page.slug: page_markdown(page, notes.env, mdit) for page in state.plan.pages}
    return state


def state_key(
    config: MkDocsConfig, catalogue_path: Path, sources: list[Path], settings: dict[str, Any]
) -> str:
    """What the state is made from: the notes, the data, the hooks' code, the
    libraries that read and write Markdown, and the notes settings."""
    data = Path(config.docs_dir) / DATA_DIR
    files = [
        *sources,
        catalogue_path,
        *sorted(p for p in data.rglob("*") if p.is_file()),
        *sorted(HOOKS_DIR.glob("*.py")),
    ]
    values = [
        str(Path(config.config_file_path).parent),
        str(settings["source"]),
        *sorted(settings["skip"]),
        *versions(CACHE_LIBRARIES),
    ]
    return digest(files, values)


def load_state(config: MkDocsConfig) -> NotesState:
    """The build's NotesState: from the build cache when nothing it was made
    from has changed, else computed (and stored there)."""
    root = Path(config.config_file_path).parent
    settings = notes_settings(config)
    catalogue_path = root / settings["catalogue"]
    try:
        sources = discover_sources(root, settings["source"])
    except NotesSourceError as error:
        raise PluginError(str(error)) from error
    cache = BuildCache(root / settings["cache"]) if settings["cache"] else None
    key = state_key(config, catalogue_path, sources, settings) if cache else ""
    if cache is not None:
        cached = cache.load(key)
        if isinstance(cached, NotesState):
            cached.from_cache = True
            return cached
    state = compute_state(root, catalogue_path, sources, settings["skip"])
    if cache is not None:
        cache.store(key, state, depends_on=state.looked_at)
    return state


def build_nav(state: NotesState, home: str = "index.md") -> list[Any]:
    """Home first, then each category (catalogue order) with its pages."""
    nav: list[Any] = [{"Home": home}]
    categories = [*state.catalogue.categories, Category(OTHER_CATEGORY, "Other")]
    for category in categories:
        pages = state.plan.pages_in(state.catalogue, category.id)
        if pages:
            nav.append({category.title: [{p.entry.short: p.src_uri} for p in pages]})
    return nav


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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with collector_paused():
        state = load_state(config)
    # The state is only read from here on. Frozen, the collector leaves it (and
    # the rest of the configuration) alone for the build, which saves about a
    # sixth of a build's time; on_post_build and on_build_error thaw it, so a
    # state dropped by the next `mkdocs serve` rebuild is freed as usual.
    gc.freeze()
    for problem in state.problems():
        # Suggestions leave the page readable as meant: INFO, so --strict passes.
        (log.warning if is_warning(problem) else log.info)(str(problem))
    config[STATE_KEY] = state
    extra_nav = config.nav or []
    config.nav = build_nav(state) + [item for item in extra_nav if "Home" not in item]
    if not config.repo_url:
        # Without a repository there is nothing to edit; an edit_uri alone
        # would make MkDocs warn on every page.
        config.edit_uri = None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state: NotesState = config[STATE_KEY]
    source = state.notes.path
    for page in state.plan.pages:
        file = File.generated(config, page.src_uri, content=state.markdown[page.slug])
        file.edit_uri = page.main_source or source
        files.append(file)
    for dest, source in state.assets.items():
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    return files


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()


def on_build_error(error: Exception) -> None:
    gc.unfreeze()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if SERVICES_MARKER not in markdown:
        return markdown
    state: NotesState = config[STATE_KEY]
    cards = services_markdown(state.catalogue, state.plan, state.notes)
    return markdown.replace(SERVICES_MARKER, cards)
