"""Markdown extensions set up only when a page uses them (extra.markdown_on_demand)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from notesite.errors import NotesSiteError
from notesite.output.on_demand import OnDemand, add_extensions, needed, parse_on_demand

ROOT = Path(__file__).resolve().parents[2]

CAPTION = OnDemand("pymdownx.blocks.caption", re.compile(r"(?m)^[ \t>]*/{3,}[ \t]*caption\b"))
EMOJI = OnDemand("pymdownx.emoji", re.compile(r":[+\-\w]+:"), {"title": "none"})


def test_only_the_extensions_a_page_uses_are_needed() -> None:
    pages = ["# Plain\n\ntext", "A list:\n\n- ```x```\n  /// caption\n  Flow\n  ///\n"]
    assert needed([CAPTION, EMOJI], pages) == [CAPTION]
    assert needed([CAPTION, EMOJI], ["Hello :smile:"]) == [EMOJI]
    assert needed([CAPTION, EMOJI], ["no pattern here", "a /// caption mid-line"]) == []


def test_an_extension_is_added_once_with_its_options() -> None:
    extensions: list[object] = ["toc", "pymdownx.blocks.caption"]
    configs: dict[str, object] = {"toc": {"permalink": True}}
    assert add_extensions(extensions, configs, [CAPTION, EMOJI]) == ["pymdownx.emoji"]
    assert add_extensions(extensions, configs, [EMOJI]) == []
    assert extensions == ["toc", "pymdownx.blocks.caption", "pymdownx.emoji"]
    assert configs == {"toc": {"permalink": True}, "pymdownx.emoji": {"title": "none"}}


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"extension": "x"}, "expected a list"),
        (["x"], "expected extension, when and config"),
        ([{"extension": "x", "when": "a", "typo": 1}], "unknown keys ['typo']"),
        ([{"when": "a"}], "'extension' must name"),
        ([{"extension": "x"}], "'when' must be a regular expression"),
        ([{"extension": "x", "when": "("}], "invalid regular expression"),
        ([{"extension": "x", "when": "a", "config": [1]}], "'config' must map"),
    ],
)
def test_a_bad_setting_says_where_and_what(raw: object, says: str) -> None:
    with pytest.raises(NotesSiteError, match=re.escape(says)) as error:
        parse_on_demand(raw)
    assert "extra.markdown_on_demand" in str(error.value)


def test_the_site_patterns_find_what_the_extensions_convert() -> None:
    """Each pattern of mkdocs.yml holds for text its extension changes, and a page
    it does not hold for converts the same with and without the extension."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    items = {item.extension: item for item in parse_on_demand(config.extra["markdown_on_demand"])}
    samples = [
        ("pymdownx.blocks.caption", "```text\nx\n```\n/// caption\nA flow\n///\n", "<figcaption"),
        ("pymdownx.blocks.caption", "> A\n>\n> /// figure-caption\n> Quoted\n> ///\n", "<figcap"),
        ("pymdownx.emoji", "Icon :material-server: here", "twemoji"),
    ]
    assert set(items) == {name for name, _, _ in samples}
    plain = "# Title\n\nText at 10:30, a path a/b/c, a rule // and a role sts:AssumeRole.\n"
    for name, sample, mark in samples:
        item = items[name]
        converted = markdown.Markdown(
            extensions=["pymdownx.superfences", name], extension_configs={name: item.config}
        )
        assert item.when.search(sample) and mark in converted.convert(sample), sample
        without = markdown.Markdown(extensions=["pymdownx.superfences"])
        assert not item.when.search(plain), name
        assert converted.reset().convert(plain) == without.convert(plain), name


# Builds the site in a fresh process, its build cache in a given folder, and
# says whether it imported caption and whether it loaded the emoji index.
_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.extra["notes"] = {**config.extra["notes"], "cache": sys.argv[2]}
build(config)
index = sys.modules["material.extensions.emoji"]._load_twemoji_index
print("pymdownx.blocks.caption" in sys.modules, index.cache_info().currsize > 0)
"""


def test_a_build_from_the_cache_sets_up_neither(tmp_path: Path) -> None:
    """The first build converts pages that use both (diagram captions, the home
    page's icons); the next, from the cache, converts none and sets up neither."""

    def build() -> str:
        out = subprocess.run(
            [sys.executable, "-c", _BUILD, str(tmp_path / "site"), str(tmp_path / "cache")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        return out.stdout.split("\n")[-2]

    assert build() == "True True"
    assert build() == "False False"
