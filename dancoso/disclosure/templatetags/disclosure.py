"""Template tags of the disclosure pages: search matches highlighted, always escaped."""

from django import template

from .. import content
from ..search import highlight as _highlight

register = template.Library()


@register.simple_tag
def highlight(text: str, query: str):
    """``text`` escaped with the words matching ``query`` in ``<mark>``."""
    return _highlight(text, query)


@register.simple_tag
def snippet(disclosure, query: str, length: int = 240):
    """About ``length`` characters of a disclosure's summary and body around the first
    match, escaped, matches in ``<mark>``."""
    text = " ".join(p for p in (disclosure.summary, content.html_text(disclosure.body_html)) if p)
    return _highlight(text, query, limit=length)
