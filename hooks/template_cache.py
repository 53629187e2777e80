"""MkDocs hook: keep the theme's compiled templates between builds.

MkDocs compiles every Jinja template of the theme (Material's base.html and
its partials) afresh on each build: a fifth of a warm build of this site,
and as much for a one-page site. Jinja can keep the compiled code in a
folder and use it again for as long as the template's source is the same
(it compares a checksum of the source), so a build after the first compiles
nothing. Like Python's own ``.pyc`` files, this is compiled code, not the
build's work: the build cache's switch (``cache: false`` under
``extra.notes``) leaves it on. ``extra.template_cache`` names the folder
(default ``.cache/templates``); ``false`` turns it off. Deleting the folder
is always safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DEFAULT_FOLDER = ".cache/templates"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    folder = config.extra.get("template_cache", DEFAULT_FOLDER)
    if not folder:
        return env
    path = Path(config.config_file_path).parent / str(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # the build only loses the time the cache would save
    env.bytecode_cache = FileSystemBytecodeCache(str(path))
    return env
