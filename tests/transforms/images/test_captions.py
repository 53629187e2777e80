"""Alt texts that a tool wrote are not captions; what a person wrote is kept."""

from __future__ import annotations

import pytest
from notesite.transforms.images.captions import caption, is_noise


@pytest.mark.parametrize(
    "alt",
    [
        "Alt text",
        "image",
        "Image 3",
        "Screen Shot 2020-06-05 at 2 49 08 PM",
        "Screenshot 2021-03-04 101112",
        "Pasted image 20230101120000",
        "sns-fanout.png",
        "IMG_2041.JPG",
        "3f2a9c1d7e",
        "",
        "   ",
    ],
)
def test_tool_written_alt_texts_are_noise(alt: str) -> None:
    """Placeholders, screenshot stamps, file names and hashes carry no meaning."""
    assert is_noise(alt)
    assert caption(alt) == ""


@pytest.mark.parametrize(
    ("alt", "title", "expected"),
    [
        ("SNS fan-out to SQS", "", "SNS fan-out to SQS"),
        ("SAML federation", "with AD FS", "SAML federation — with AD FS"),
        ("Screen Shot 2020-06-05 at 2 49 08 PM", "Kinesis shards", "Kinesis shards"),
        ("Image of the VPC layout", "", "Image of the VPC layout"),
        ("Step 1", "", "Step 1"),
    ],
)
def test_what_a_person_wrote_is_the_caption(alt: str, title: str, expected: str) -> None:
    """A meaningful alt text (and a title that says more) makes the caption."""
    assert caption(alt, title) == expected
