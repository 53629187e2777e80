"""Whether an image's alt text says anything a reader could use as a caption.

Alt texts written by tools rather than people carry no meaning: "Alt text",
"image", "Screen Shot 2020-06-05 at 2 49 08 PM", "Pasted image 20230101",
a file name ("sns-flow.png"), a hash. ``caption`` returns "" for those, so
that a diagram drawn in a missing picture's place is not captioned with them.
"""

from __future__ import annotations

import re

_NOISE = re.compile(
    r"""^(?:
        (?:alt(?:\s*text)?|image|img|picture|pic|photo|screenshot|diagram|figure|untitled|
           enter\s+image\s+description\s+here|description)(?:\s*[-_]?\s*\d+)?
      | (?:screen\s*shot|screenshot|pasted\s+image|capture|image|img|photo|snip)[\s_-]*
        \d{4}[\d\s:._-]*(?:at[\s\d._:-]*)?(?:[ap]\.?m\.?)?
      | [\w .()-]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?)
      | [0-9a-f]{8,}(?:-[0-9a-f]+)*
      | \d[\d\s._:-]*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_noise(text: str) -> bool:
    """True for an alt text that a tool wrote rather than a person."""
    return bool(_NOISE.match(text.strip())) if text.strip() else True


def caption(alt: str, title: str = "") -> str:
    """The caption an image's alt text and title make ("" if they say nothing)."""
    alt = "" if is_noise(alt) else alt.strip()
    title = "" if is_noise(title) else title.strip()
    if alt and title and title != alt:
        return f"{alt} — {title}"
    return alt or title
