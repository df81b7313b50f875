"""Plain text with safe links: whatever is typed, the rendering contains no markup but our
own links and line breaks (hypothesis), and links never carry another scheme."""

import re

from hypothesis import given
from hypothesis import strategies as st

from dancoso.consultation import content
from dancoso.consultation.diffing import word_diff

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    'https://a.b/"onmouseover=alert(1)',
    "https://x.y/<svg/onload=alert(1)>",
    "<a href='javascript:alert(1)'>bấm</a>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
OUR_TAGS = re.compile(
    r'<a href="https?://[^"<>]*" rel="nofollow ugc noopener noreferrer">|</a>|<br>'
)
tricky = st.lists(
    st.sampled_from(list("<>\"'&=/: \nahjtps.xiocrvlmg()") + ["https://", "javascript:"]),
    max_size=40,
).map("".join)


def _strip_ours(html: str) -> str:
    return OUR_TAGS.sub("", html)


@given(st.one_of(tricky, st.sampled_from(PAYLOADS), st.text(max_size=200)))
def test_rendering_never_produces_markup_of_its_own(text):
    html = _strip_ours(str(content.render_text(text)))
    assert "<" not in html and ">" not in html
    assert 'href="javascript' not in str(content.render_text(text)).lower()


@given(st.one_of(tricky, st.text(max_size=100)), st.one_of(tricky, st.text(max_size=100)))
def test_the_diff_escapes_both_sides(old, new):
    html = re.sub(r"</?(del|ins)>|<br>", "", str(word_diff(old, new)))
    assert "<" not in html and ">" not in html


def test_links_are_kept_and_trailing_punctuation_is_not_part_of_them():
    html = str(content.render_text("Xem https://langson.gov.vn/a?b=1&c=2. Cảm ơn"))
    assert (
        '<a href="https://langson.gov.vn/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">'
        in html
    )
    assert "</a>. Cảm ơn" in html


@given(st.text(max_size=4000))
def test_clean_comment_accepts_or_explains(text):
    try:
        cleaned = content.clean_comment(text)
    except content.InvalidText as invalid:
        assert invalid.message
    else:
        assert content.COMMENT_MIN <= len(cleaned) <= content.COMMENT_MAX
        assert "\r" not in cleaned and cleaned == cleaned.strip()
