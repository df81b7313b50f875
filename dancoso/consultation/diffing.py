"""The revised draft against the original, word by word (difflib), as escaped HTML with
``<del>`` for removed and ``<ins>`` for added words. Pure; nothing typed becomes markup."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(original: str, revised: str) -> SafeString:
    """Changes from ``original`` to ``revised`` with removals and additions marked."""
    old, new = TOKENS.findall(original or ""), TOKENS.findall(revised or "")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            out.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if op in {"insert", "replace"}:
            out.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - parts escaped above
