"""The settings the hooks read, checked once: unknown keys, wrong types, paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from notesite.pipeline import TRANSFORM_NAMES, all_transforms
from notesite.reading.source import DEFAULT_EXCLUDE
from notesite.settings import SettingsError, read_settings

ROOT = Path(__file__).resolve().parents[1]


def test_the_project_settings_are_read_into_typed_objects():
    """mkdocs.yml's own extra reads with its values and the defaults for the rest."""
    settings = read_settings(
        {"notes": {"source": "notes/aws-notes.md", "cache": False}, "vendor": []}, ROOT
    )
    assert settings.notes.source == "notes/aws-notes.md"
    assert settings.notes.cache is None
    assert settings.notes.exclude == DEFAULT_EXCLUDE
    assert settings.diagrams.draw == "build"
    assert settings.diagrams.cache == ".cache/diagrams"


def test_an_unknown_notes_key_names_itself_and_the_closest_known_one():
    """A typo of `source` stops the build instead of building the bundled notes."""
    with pytest.raises(
        SettingsError, match=r"unknown setting `extra\.notes\.sorce`; did you mean `source`\?"
    ):
        read_settings({"notes": {"sorce": "my-notes"}}, ROOT)


def test_a_typo_of_a_section_is_named():
    """`extra.note` is taken for the author's mistake, not a key of the theme's."""
    with pytest.raises(
        SettingsError, match=r"unknown setting `extra\.note`; did you mean `notes`\?"
    ):
        read_settings({"note": {"source": "x.md"}}, ROOT)


def test_other_keys_of_extra_are_left_to_the_theme():
    """Material's own extra keys (social, analytics) are not the hooks' to judge."""
    settings = read_settings({"social": [{"icon": "x"}], "analytics": {}}, ROOT)
    assert settings.notes.source == "notes/aws-notes.md"


def test_an_unknown_key_far_from_any_lists_the_known_ones():
    """With no close name, the message lists what is known."""
    with pytest.raises(SettingsError, match=r"`extra\.diagrams\.colour` \(known: draw, chromium"):
        read_settings({"diagrams": {"colour": "red"}}, ROOT)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"notes": {"source": 3}}, r"`extra\.notes\.source` must be a text, not a number \(3\)"),
        ({"notes": {"exclude": {"a": 1}}}, r"`extra\.notes\.exclude` must be a list of texts"),
        ({"notes": "notes.md"}, r"`extra\.notes` must be a mapping of settings, not a text"),
        ({"diagrams": {"draw": "later"}}, r"`extra\.diagrams\.draw` must be one of build, browser"),
        ({"notes": {"skip": ["tabels"]}}, r"`extra\.notes\.skip: tabels`; did you mean `tables`"),
        (
            {"notes": {"remote_pictures": "download"}},
            r"`extra\.notes\.remote_pictures` must be one of fetch, link, not a text",
        ),
    ],
)
def test_a_wrong_type_says_what_was_expected(extra, expected):
    """Each wrong value is refused with the type or the choices it must have."""
    with pytest.raises(SettingsError, match=expected):
        read_settings(extra, ROOT)


def test_a_missing_relative_path_says_which_folder_it_is_read_from(tmp_path):
    """A catalogue path that names nothing says it is read from mkdocs.yml's folder."""
    with pytest.raises(SettingsError) as raised:
        read_settings({"notes": {"catalogue": "data/catalogue.yml"}}, tmp_path)
    assert str(raised.value) == (
        "setting `extra.notes.catalogue`: 'data/catalogue.yml' does not exist, "
        f"read from the folder of mkdocs.yml ({tmp_path})."
    )


def test_a_home_relative_source_is_expanded(tmp_path, monkeypatch):
    """`~/notes` (as NOTES=~/notes may arrive unexpanded) is the home folder's."""
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = read_settings({"notes": {"source": "~/notes"}}, ROOT)
    assert settings.notes.source == str(tmp_path / "notes")


def test_the_skip_names_are_the_transforms_names():
    """The names `skip` accepts are exactly those the pipeline runs by."""
    assert tuple(name for name, _ in all_transforms()) == TRANSFORM_NAMES


def test_pictures_from_the_web_are_fetched_unless_the_notes_say_link():
    """`remote_pictures` defaults to fetching and accepts `link`."""
    assert read_settings({}, ROOT).notes.remote_pictures == "fetch"
    linked = read_settings({"notes": {"remote_pictures": "link"}}, ROOT)
    assert linked.notes.remote_pictures == "link"
