"""MkDocs hook: turn the notes into one generated page per service.

Glue only: it reads the notes and the catalogue named in ``extra.notes`` of
mkdocs.yml, calls the pure planner once per build, logs what it found wrong
(file:line), puts the navigation together by category and adds the pages as
generated files. The plan is kept on the config object, never in module
state, because ``mkdocs serve`` reuses this module across rebuilds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callouts import convert_callouts, convert_embeds
from catalogue import OTHER_CATEGORY, Catalogue, CatalogueError, Category, load_catalogue
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
from page_markdown import page_markdown
from site_plan import Message, SitePlan, plan_site
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


class NotesState:
    """What one build knows about the notes: parsed once, planned once."""

    def __init__(self, notes: NotesSet, catalogue: Catalogue, plan: SitePlan) -> None:
        self.notes = notes
        self.catalogue = catalogue
        self.plan = plan
        self.assets: dict[str, Path] = {}  # site path -> source file
        self.messages: list[Message] = list(plan.messages)
        self.findings: list[Finding] = []  # from notes_checks

    def problems(self) -> list[Message | Finding]:
        """Everything to tell the author, in file and line order."""
        files = [notes.path for notes in self.notes.files]
        problems: list[Message | Finding] = [*self.messages, *self.findings]
        problems.sort(
            key=lambda p: (files.index(p.path) if p.path in files else len(files), p.line)
        )
        return problems


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


def notes_settings(config: MkDocsConfig) -> dict[str, Any]:
    settings = config.extra.get("notes") or {}
    return {
        "source": settings.get("source", DEFAULT_SOURCE),
        "catalogue": settings.get("catalogue", DEFAULT_CATALOGUE),
        "skip": frozenset(settings.get("skip") or ()),
    }


def load_state(config: MkDocsConfig) -> NotesState:
    root = Path(config.config_file_path).parent
    settings = notes_settings(config)
    try:
        catalogue = load_catalogue(root / settings["catalogue"])
    except CatalogueError as error:
        raise PluginError(str(error)) from error
    try:
        texts = [
            read_notes(path, shown_path(path, root))
            for path in discover_sources(root, settings["source"])
        ]
    except NotesSourceError as error:
        raise PluginError(str(error)) from error
    mdit = make_parser()
    notes = NotesSet([parse_notes(t.text, t.path, mdit) for t in texts])
    state = NotesState(notes, catalogue, plan_site(notes, catalogue))
    state.messages[:0] = [Message(t.path, line, text) for t in texts for line, text in t.problems]
    state.findings = check_notes(notes)
    apply_transforms(state, root, settings["skip"])
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = load_state(config)
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
    mdit = make_parser()
    source = state.notes.path
    for page in state.plan.pages:
        content = page_markdown(page, state.notes.env, mdit)
        file = File.generated(config, page.src_uri, content=content)
        file.edit_uri = page.main_source or source
        files.append(file)
    for dest, source in state.assets.items():
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    for file in files.documentation_pages():
        if file.generated_by is None:
            file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if SERVICES_MARKER not in markdown:
        return markdown
    state: NotesState = config[STATE_KEY]
    cards = services_markdown(state.catalogue, state.plan, state.notes)
    return markdown.replace(SERVICES_MARKER, cards)
