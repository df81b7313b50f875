"""A small HTML reader for page tests (standard library only): headings, links, forms, the
``lang`` attribute, and the inline script or style a CSP would block."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    lang: str = ""
    h1: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    inline_scripts: int = 0
    style_elements: int = 0
    style_attributes: list[str] = field(default_factory=list)
    event_handlers: list[str] = field(default_factory=list)
    landmarks: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    text: str = ""


def _executable(script_type: str | None) -> bool:
    """Data blocks (``type="application/json"``) are not code and a CSP does not block them."""
    kind = (script_type or "").split(";")[0].strip().lower()
    return kind in {"", "module", "text/javascript", "application/javascript"}


class _Reader(HTMLParser):
    LANDMARKS = {"header", "main", "footer", "nav"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_h1 = False
        self._h1: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang", "")
        if tag == "h1":
            self._in_h1, self._h1 = True, []
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        if tag == "form":
            self.page.forms.append(a)
        if tag == "script" and not a.get("src") and _executable(a.get("type")):
            self.page.inline_scripts += 1
        if tag == "style":
            self.page.style_elements += 1
        if "style" in a:
            self.page.style_attributes.append(tag)
        self.page.event_handlers += [name for name in a if name.startswith("on")]
        if tag in self.LANDMARKS:
            self.page.landmarks.append(tag)
        if a.get("id"):
            self.page.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.page.h1.append(" ".join("".join(self._h1).split()))

    def handle_data(self, data):
        if self._in_h1:
            self._h1.append(data)
        self._text.append(data)


def read(response) -> Page:
    """Parse a response's HTML."""
    reader = _Reader()
    reader.feed(response.content.decode())
    reader.page.text = " ".join(" ".join(reader._text).split())
    return reader.page
