"""Every picture the notes show on GitHub is in the built site: pictures in the
notes' repository beside their folder, by Markdown or raw HTML; nothing from
outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from notesite.transforms.images.figures import build_figures

from tests.site.builds import ROOT, build_site

CLOUD_PRACTITIONER = ROOT.parent / "shared" / "corpora" / "cloud-practitioner-site"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SECRET = b"SECRET-FROM-OUTSIDE-THE-REPOSITORY"
NOTES = """\
# Amazon S3

Buckets hold objects.

![Flow of a request](../Images/flow.png)

<img src="../Images/sizes.png" width="600" alt="Object sizes">

<img src="../Images/gone.png" alt="Lost picture">

<details markdown="1"><summary markdown="span">Answer</summary>

Eleven nines of durability.

</details>

![secret](../../secret.png) and <img src="../Images/link.png" alt="linked">
"""


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """A notes repository (`.git/`, `Notes/`, `Images/` beside it) built into a
    site; the site, the build's warnings and the notes folder."""
    tmp = tmp_path_factory.mktemp("pictures")
    repo = tmp / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "Notes").mkdir()
    (repo / "Notes" / "s3.md").write_text(NOTES)
    (repo / "Images").mkdir()
    (repo / "Images" / "flow.png").write_bytes(PNG + b"flow")
    (repo / "Images" / "sizes.png").write_bytes(PNG + b"sizes")
    (tmp / "secret.png").write_bytes(PNG + SECRET)
    (repo / "Images" / "link.png").symlink_to(tmp / "secret.png")
    config = build_site(tmp / "site", source=str(repo / "Notes"), cache=False)
    warnings = [str(p) for p in config["notes_site"].problems()]
    return tmp / "site", warnings, repo / "Notes"


def test_pictures_beside_the_notes_folder_are_shown(repo_site):
    """`../Images/x.png`, by Markdown and by raw `<img>` (its width and alt kept), is shown."""
    site, _, _ = repo_site
    article = BeautifulSoup((site / "s3.html").read_text(), "lxml").find("article")
    shown = {img["src"]: img for img in article.find_all("img")}
    assert set(shown) == {"images/Images/flow.png", "images/Images/sizes.png"}
    assert shown["images/Images/sizes.png"].get("width") == "600"
    assert shown["images/Images/sizes.png"].get("alt") == "Object sizes"
    assert (site / "images" / "Images" / "sizes.png").read_bytes() == PNG + b"sizes"
    assert "Lost picture" in article.get_text()


def test_only_a_missing_or_outside_picture_is_warned_about(repo_site):
    """The missing picture and the two leaving the repository are warned about at
    their lines, the file named from the notes' folder; `markdown="1"` is not."""
    _, warnings, notes = repo_site
    assert [w.split(": ", 1)[0] for w in warnings] == ["s3.md:9", "s3.md:17", "s3.md:17"]
    assert not any(str(notes) in w for w in warnings)
    assert "gone.png not found" in warnings[0]
    assert all("points outside" in w for w in warnings[1:])


def test_nothing_from_outside_the_repository_is_in_the_site(repo_site):
    """Neither `..` nor a symlink brings a file from outside the repository into the site."""
    site, _, _ = repo_site
    for path in site.rglob("*"):
        assert not path.is_file() or SECRET not in path.read_bytes(), path


@pytest.mark.slow
def test_every_picture_of_the_cloud_practitioner_notes_is_shown(tmp_path: Path):
    """Of the whole repository's local picture references (`../images/x.png`
    from `sections/`, Markdown and raw HTML), every one is shown."""
    if not CLOUD_PRACTITIONER.exists():
        pytest.skip(f"{CLOUD_PRACTITIONER} is not there")
    site = tmp_path / "site"
    build_site(site, source=str(CLOUD_PRACTITIONER), cache=False)
    figures = build_figures(ROOT, str(CLOUD_PRACTITIONER), site)
    assert figures.referenced >= 20
    assert figures.not_shown == ()
    assert figures.shown == figures.referenced
