"""Keep the template's Content-Security-Policy in step with the site's inline scripts.

The policy allows scripts from the site itself and, by sha256 hash, the few inline
``<script>`` blocks Material writes into every page (``__md_scope`` setup, palette
restore, ...). Those hashes change when the theme, its configuration or a page's
depth changes, so they are computed from the built site, never typed by hand:

    python -m deploy.csp site/                     # print the hashes and where they occur
    python -m deploy.csp site/ --check             # exit 1 if the template's CSP misses one
    python -m deploy.csp site/ --update            # rewrite script-src in deploy/template.yaml

After ``--update``, redeploy the stack so CloudFront serves the new policy.

Only the theme's and the project's own inline scripts (those of the page
templates) are ever allowed. A script inside a page's content, the
``<article>`` that the Markdown (the notes) becomes, is an error, never a
hash: notes are untrusted input, and the build removes their scripts, so one
found there means something got past it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path

from deploy.template import TEMPLATE_PATH, content_security_policy, load_template

# CloudFront's quota for the Content-Security-Policy value of a response headers policy.
CSP_MAX_LENGTH = 1783

# Script types a browser executes; anything else (application/json, text/template...) is data.
_JS_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
        "application/x-javascript",
        "text/x-javascript",
    }
)


# Material's search "share" link is <a href="javascript:void(0)">, which runs nothing:
# its click is handled by the bundle. Such no-op URLs need no CSP allowance.
_NOOP_JS_URL = re.compile(r"^javascript:\s*(void\s*\(\s*0\s*\)|)\s*;?\s*$", re.IGNORECASE)


def _runs_code(url: str) -> bool:
    """Whether a URL attribute is a javascript: URL that does something."""
    url = url.strip()
    return url.lower().startswith("javascript:") and not _NOOP_JS_URL.match(url)


# Material writes a page's content (its Markdown, rendered) into this element.
_CONTENT_TAG = "article"


class _InlineCode(HTMLParser):
    """Collects executable inline scripts and inline event handlers from one page,
    and apart from them the scripts inside the page's content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.content_scripts: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False
        self._buffer: list[str] = []
        self._content_depth = 0  # open <article> elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == _CONTENT_TAG:
            self._content_depth += 1
        attributes = {name: value or "" for name, value in attrs}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}=...>")
            elif name in {"href", "src", "action", "formaction"} and _runs_code(value):
                self.handlers.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script" and "src" not in attributes:
            kind = attributes.get("type", "").split(";")[0].strip().lower()
            if kind in _JS_TYPES:
                self._in_script = True
                self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == _CONTENT_TAG and self._content_depth:
            self._content_depth -= 1
        if tag == "script" and self._in_script:
            found = self.content_scripts if self._content_depth else self.scripts
            found.append("".join(self._buffer))
            self._in_script = False


def script_hash(source: str) -> str:
    """The CSP source expression for an inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _parsed(html: str) -> _InlineCode:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """(executable inline script bodies of the templates, inline event handlers)
    of one HTML document; scripts in the page's content are not among them."""
    parser = _parsed(html)
    return parser.scripts, parser.handlers


def content_scripts(site_dir: Path) -> dict[str, list[str]]:
    """Pages whose content (the rendered Markdown) holds an executable inline
    script, with the start of each: never allowed, whatever the policy."""
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        scripts = _parsed(page.read_text(encoding="utf-8")).content_scripts
        if scripts:
            found[page.relative_to(site_dir).as_posix()] = [s.strip()[:60] for s in scripts]
    return found


def site_script_hashes(site_dir: Path) -> dict[str, list[str]]:
    """Each inline script hash of the site's templates, with the pages that use it."""
    hashes: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        scripts, _ = inline_code(page.read_text(encoding="utf-8"))
        for source in scripts:
            hashes.setdefault(script_hash(source), []).append(page.relative_to(site_dir).as_posix())
    return hashes


def site_event_handlers(site_dir: Path) -> dict[str, list[str]]:
    """Pages with inline event handlers or javascript: URLs, which hashes cannot allow."""
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        _, handlers = inline_code(page.read_text(encoding="utf-8"))
        if handlers:
            found[page.relative_to(site_dir).as_posix()] = handlers
    return found


def parse_policy(policy: str) -> dict[str, list[str]]:
    """A CSP value as {directive: [source expressions]} (directive names lower-cased)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def script_sources(policy: str) -> list[str]:
    """Sources governing <script> elements: script-src-elem, else script-src, else default-src."""
    directives = parse_policy(policy)
    for name in ("script-src-elem", "script-src", "default-src"):
        if name in directives:
            return directives[name]
    return []


def missing_hashes(policy: str, hashes: Iterable[str]) -> list[str]:
    """The hashes the policy does not allow, sorted."""
    allowed = set(script_sources(policy))
    return sorted(set(hashes) - allowed)


def stale_hashes(policy: str, hashes: Iterable[str]) -> list[str]:
    """Hashes the policy allows that no inline script of the site needs any more, sorted."""
    listed = {s for s in script_sources(policy) if s.startswith("'sha256-")}
    return sorted(listed - set(hashes))


# The directive on its own line of the template's folded CSP scalar (comments that
# mention script-src start with "#", so they never match).
_SCRIPT_SRC = re.compile(r"^(?P<indent>[ \t]*)script-src\s[^;\n]*;", re.MULTILINE)


def with_script_hashes(template_text: str, hashes: Sequence[str]) -> str:
    """The template text with its script-src directive replaced by 'self' plus these hashes.

    Edits the text (rather than dumping YAML) so comments and layout survive.
    """
    matches = list(_SCRIPT_SRC.finditer(template_text))
    if len(matches) != 1:
        raise ValueError(
            f"expected one 'script-src ...;' directive in the template, found {len(matches)}"
        )
    match = matches[0]
    directive = " ".join(["script-src", "'self'", *sorted(set(hashes))]) + ";"
    return (
        template_text[: match.start()] + match["indent"] + directive + template_text[match.end() :]
    )


def _report(hashes: Mapping[str, list[str]]) -> str:
    lines = []
    for digest, pages in sorted(hashes.items(), key=lambda item: (-len(item[1]), item[0])):
        example = ", ".join(pages[:3]) + (", ..." if len(pages) > 3 else "")
        lines.append(f"{digest}  # {len(pages)} pages: {example}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.csp",
        description="Hashes of the built site's inline scripts, for the template's CSP.",
    )
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument(
        "--template", type=Path, default=TEMPLATE_PATH, help="CloudFormation template"
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="exit 1 if the template's CSP misses a hash"
    )
    action.add_argument("--update", action="store_true", help="rewrite script-src in the template")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file():
        print(f"csp: error: {args.site} has no index.html; build the site first", file=sys.stderr)
        return 2
    if (args.check or args.update) and not args.template.is_file():
        print(f"csp: error: template {args.template} does not exist", file=sys.stderr)
        return 2
    hashes = site_script_hashes(args.site)
    handlers = site_event_handlers(args.site)
    from_content = content_scripts(args.site)
    if from_content:
        page, found = next(iter(from_content.items()))
        print(
            f"csp: error: {len(from_content)} pages carry an inline script in their content "
            f"(the notes or a page's Markdown), which is never allowed, e.g. {page}: "
            f"<script>{found[0]}</script>. Remove it from the source and build again.",
            file=sys.stderr,
        )
        return 1
    if handlers:
        page, found = next(iter(handlers.items()))
        print(
            f"csp: error: {len(handlers)} pages use inline event handlers, which a hash-based CSP "
            f"blocks; e.g. {page}: {found[0]}",
            file=sys.stderr,
        )
        return 1
    if args.update:
        text = args.template.read_text(encoding="utf-8")
        args.template.write_text(with_script_hashes(text, list(hashes)), encoding="utf-8")
        policy = content_security_policy(load_template(args.template))
        print(
            f"updated script-src in {args.template} ({len(hashes)} hashes, CSP {len(policy)} chars)"
        )
        if len(policy) > CSP_MAX_LENGTH:
            print(
                f"csp: error: the CSP is longer than CloudFront's {CSP_MAX_LENGTH}", file=sys.stderr
            )
            return 1
        return 0
    if args.check:
        policy = content_security_policy(load_template(args.template))
        missing = missing_hashes(policy, hashes)
        stale = stale_hashes(policy, hashes)
        for digest in missing:
            print(f"missing {digest}  # used by {hashes[digest][0]}")
        for digest in stale:
            print(f"stale   {digest}")
        if missing:
            print(
                f"csp: error: the template's CSP misses {len(missing)} inline script hashes; "
                f"run: python -m deploy.csp {args.site} --update",
                file=sys.stderr,
            )
            return 1
        print(f"ok: the template's CSP allows all {len(hashes)} inline scripts")
        return 0
    print(_report(hashes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
