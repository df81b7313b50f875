"""Template filters of the household register."""

from django import template

from ..law import mask_national_id

register = template.Library()


@register.filter
def mask_id(national_id: str | None) -> str:
    """``*********123``: national ID numbers are masked on every page (Law 91/2025/QH15)."""
    return mask_national_id(national_id)
