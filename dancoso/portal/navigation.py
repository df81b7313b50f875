"""The officer workspace navigation, declared as data.

Each capability adds its entries here as it lands; an entry shows only to users who hold its
permission somewhere (``rules`` predicates answer with no object for "anywhere").
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str


ITEMS: list[NavItem] = []


def items_for(user) -> list[dict]:
    return [
        {"label": item.label, "url": reverse(item.url_name)}
        for item in ITEMS
        if user.has_perm(item.permission)
    ]
