"""Checking what officials write: the HTML body, sanitised to a safe subset with ``nh3``
(the Ammonia sanitiser). Attachments are checked by ``dancoso.core.files``. No ORM import.
"""

import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value: str) -> str:
    """``value`` without control characters (NUL and the like; newlines and tabs kept):
    PostgreSQL refuses NUL in text and nobody means to type the others."""
    return CONTROL.sub("", str(value or ""))


def sanitise_html(raw: str) -> str:
    """The body kept to headings, paragraphs, lists, tables and links (http, https, mailto);
    scripts, styles, event handlers and ``javascript:`` URLs are removed."""
    return nh3.clean(
        strip_controls(raw),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def html_text(html: str) -> str:
    """The words of a sanitised body, without tags (for search and feeds)."""
    return re.sub(r"\s+", " ", nh3.clean(html or "", tags=set())).strip()
