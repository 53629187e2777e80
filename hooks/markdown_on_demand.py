"""MkDocs hook: add the Markdown extensions listed under
``extra.markdown_on_demand`` only to builds where some page uses them.

Glue only (``notesite.output.on_demand`` says which and why): each page's
Markdown, as every other hook left it, is looked at just before the page is
converted, and each extension whose pattern it holds is appended to
``markdown_extensions``, with its options, from then on. A page converted
before had no use for it. A build whose pages come from the cache converts
none and sets up none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from notesite.errors import NotesSiteError
from notesite.output.on_demand import SETTING, OnDemand, add_extensions, needed, parse_on_demand

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

KEY = "markdown_on_demand_waiting"  # the extensions no page has needed yet


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config[KEY] = parse_on_demand(config.extra.get(SETTING))
    except NotesSiteError as error:
        raise PluginError(str(error)) from error
    return config


@event_priority(-90)  # the Markdown as the other hooks leave it
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    waiting: list[OnDemand] = config.get(KEY) or []
    if waiting:
        wanted = needed(waiting, [markdown])
        add_extensions(config.markdown_extensions, config.mdx_configs, wanted)
        config[KEY] = [item for item in waiting if item not in wanted]
    return markdown
