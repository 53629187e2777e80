"""MkDocs hook: turn the notes into one generated page per service.

Glue only: checks the settings the hooks read (``notesite.settings``; the
other hooks take them from the config), runs the pipeline once per
build (``notesite.pipeline``), logs what it found wrong (file:line), puts
the navigation together by category and adds the pages as generated files.
Under ``mkdocs serve`` it watches the notes wherever they are, and gives
each page the problems of its notes files for a banner
(``overrides/partials/problems.html``, ``notesite.output.problems``); a
built site never has it. The state is kept on the config object, never in
module state, because ``mkdocs serve`` reuses this module across rebuilds:
only the command, which ``on_startup`` sets once per run, is kept here.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from notesite import run
from notesite.errors import NotesSiteError
from notesite.output.guard import live_markup
from notesite.output.home import services_markdown
from notesite.output.nav import build_nav, cover_links
from notesite.output.problems import page_problems
from notesite.pipeline import load_state
from notesite.report import told
from notesite.settings import CONFIG_KEY, SiteSettings, read_settings
from notesite.state import NotesState

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.notes_site")

STATE_KEY = "notes_site"
SERVICES_MARKER = "<!-- notes:services -->"
# The banner's script: in the site only under `mkdocs serve`.
PROBLEMS_SCRIPT = "assets/javascripts/problems.js"


def on_startup(command: str, dirty: bool) -> None:
    run.started(command)


def on_shutdown() -> None:
    run.stopped()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        settings = read_settings(config.extra, root)
        config[CONFIG_KEY] = settings
        state = load_state(root, settings.notes)
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    # The state is only read from here on. Frozen, the collector leaves it (and
    # the rest of the configuration) alone for the build, which saves about a
    # sixth of a build's time; on_post_build and on_build_error thaw it, so a
    # state dropped by the next `mkdocs serve` rebuild is freed as usual.
    gc.freeze()
    for line in told(state.problems()):
        # Suggestions leave the page readable as meant: INFO, so --strict passes.
        (log.warning if line.warning else log.info)(line.text)
    if state.remote_note:
        log.info(state.remote_note)
    config[STATE_KEY] = state
    extra_nav = config.nav or []
    nav = build_nav(state.catalogue, state.plan)
    config.nav = nav + [item for item in extra_nav if "Home" not in item]
    if not config.repo_url:
        # Without a repository there is nothing to edit; an edit_uri alone
        # would make MkDocs warn on every page.
        config.edit_uri = None
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> None:
    """Rebuild when the notes change, wherever they are (``watch:`` names only
    the project's folders)."""
    settings: SiteSettings = config[CONFIG_KEY]
    notes = settings.root / settings.notes.source
    if notes.is_dir():
        server.watch(str(notes))
    else:
        # The file's folder, not the file: an editor that saves by writing a
        # new file and renaming it would end a watch of the old one.
        server.watch(str(notes.parent), recursive=False)


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
    script = files.get_file_from_path(PROBLEMS_SCRIPT)
    if script is not None and not run.serving():
        files.remove(script)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Link each service a group page stands for from its own category."""
    from mkdocs.structure.nav import Link, Section

    state: NotesState = config[STATE_KEY]
    sections = {item.title: item for item in nav.items if isinstance(item, Section)}
    for category, title, src_uri in cover_links(state.catalogue, state.plan):
        section, file = sections.get(category), files.get_file_from_path(src_uri)
        if section is None or file is None:
            continue
        link = Link(title, file.url)
        link.parent = section
        section.children.append(link)
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()


def on_build_error(error: Exception) -> None:
    gc.unfreeze()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if SERVICES_MARKER not in markdown:
        return markdown
    state: NotesState = config[STATE_KEY]
    cards = services_markdown(state.catalogue, state.plan)
    return markdown.replace(SERVICES_MARKER, cards)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Under `mkdocs serve`, the problems of the page's notes files for its banner."""
    if not run.serving():
        return context
    state: NotesState = config[STATE_KEY]
    planned = state.plan.page(page.file.src_uri.removesuffix(".md"))
    files = {path for path, _, _ in planned.sources} if planned else set()
    problems = page_problems(state.problems(), files)
    if problems.total:
        context["notes_problems"] = problems.as_data()
        context["notes_problems_script"] = PROBLEMS_SCRIPT
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Refuse to write a page whose content could run something (see output.guard)."""
    found = live_markup(html)
    if found:
        state: NotesState = config[STATE_KEY]
        planned = state.plan.page(page.file.src_uri.removesuffix(".md"))
        where = f" (from the notes: {planned.main_source})" if planned else ""
        raise PluginError(
            f"{page.file.src_uri}{where}: the page would hold {', '.join(found[:3])}, which "
            "is never published. Remove it from the source; if it came from the notes, "
            "their sanitiser missed it: report it."
        )
    return html
