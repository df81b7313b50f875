"""Template filters of the consultation pages."""

from django import template

from .. import content, law

register = template.Library()


@register.filter
def plain(text):
    """Typed text as escaped HTML with line breaks and safe http(s) links."""
    return content.render_text(text or "")


@register.filter
def verdict_label(code):
    try:
        return law.VERDICT_LABELS[law.Verdict(code)]
    except ValueError:
        return ""


@register.filter
def form_label(code):
    try:
        return law.FORM_LABELS[law.Form(code)][0]
    except ValueError:
        return ""
