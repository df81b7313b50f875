"""htmx helpers: pages work without JavaScript, htmx swaps fragments when it is there."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def choose_template(request, page: str, fragment: str) -> str:
    """The fragment for an htmx request, the full page otherwise."""
    return fragment if is_htmx(request) else page
