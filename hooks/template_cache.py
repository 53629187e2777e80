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
is always safe. Each file is written and read as every cache file of the
build is (``notesite.cache_files``): a damaged one is dropped and the
template compiled again.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache
from notesite.cache_files import read_entry, write_entry

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

DEFAULT_FOLDER = ".cache/templates"


class CheckedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's folder of compiled templates, each file checked before use.
    Jinja's ``Bucket`` still compares the template's source and its own
    version, and compiles again when either changed."""

    def _path(self, bucket: Bucket) -> Path:
        return Path(self.directory) / (self.pattern % (bucket.key,))

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_entry(self._path(bucket))
        if payload is not None:
            bucket.load_bytecode(BytesIO(payload))

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = BytesIO()
        bucket.write_bytecode(compiled)
        write_entry(self._path(bucket), compiled.getvalue(), make_folder=False)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    folder = config.extra.get("template_cache", DEFAULT_FOLDER)
    if not folder:
        return env
    path = Path(config.config_file_path).parent / str(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # the build only loses the time the cache would save
    env.bytecode_cache = CheckedBytecodeCache(str(path))
    return env
