"""Every route of the project as a URL a test can request: the URL map is walked, so a page
added later is covered without anyone remembering to list it (SECURITY.md tests 16, 17)."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    pattern: str  # the route as written, e.g. "can-bo/ho-gia-dinh/<int:pk>/"
    view: str  # dotted path of the view
    callback: object

    def url(self, values: dict[str, str]) -> str:
        """A concrete URL, arguments filled by name from ``values`` ("1" when not given)."""
        text = self.pattern
        if text.startswith("^") or "(?P" in text:
            text = REGEX_GROUP.sub(lambda m: _sample(m["body"]), text).replace("^", "")
            text = text.replace("$", "")
        return "/" + ROUTE_ARGUMENT.sub(lambda m: str(values.get(m["name"], "1")), text)


def _sample(body: str) -> str:
    """One string a regex group accepts: its first alternative, or "x" for a wildcard."""
    return "x" if body in {".*", ".+"} else body.split("|")[0]


def routes(patterns=None, prefix: str = "") -> Iterator[Route]:
    seen: set[str] = set()
    for route in _routes(patterns, prefix):
        # django-ninja yields one pattern per operation of a path (GET and POST on the same
        # path give two); only the first is reachable, so it is the one to check.
        if route.pattern not in seen:
            seen.add(route.pattern)
            yield route


def _routes(patterns=None, prefix: str = "") -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield Route(prefix + str(entry.pattern), entry.lookup_str, entry.callback)
