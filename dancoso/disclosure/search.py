"""Searching public disclosures without diacritics: "ke hoach su dung dat" finds "Kế hoạch sử
dụng đất", a missing or wrong tone mark is tolerated, đ matches d.

Every searchable row keeps a folded text (``core.text.fold``: no marks, lower case, đ → d) in
``search_text``. PostgreSQL matches it with full-text search (a stored ``tsvector``, prefix
terms, ranked by ``ts_rank_cd``) or, when no row has every term, for typos, trigram word
similarity (``pg_trgm``). SQLite matches it with FTS5 (ranked by ``bm25``); a term that is no
word (nor the start of one) of the register is replaced by the words one letter away from it (a
letter wrong, missing, added or two swapped) that do exist, looked up in the FTS5 vocabulary —
a few hundred indexed look-ups, not a scan. Either way one query looks the terms up before the
count and the page. A later source (consultations, decisions, answered feedback) adds a
``search_text`` column and the same expressions over its own table.
"""

import re
from datetime import date

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dancoso.core.text import fold, words

from .law import CATEGORIES
from .models import Disclosure

MAX_QUERY = 200
TERM = re.compile(r"[^\W_]+")
TYPO_THRESHOLD = 0.5


def terms(query: str) -> list[str]:
    """The folded search terms of a query (letters and digits only, at most 12)."""
    return [t for w in words(query[:MAX_QUERY]) for t in TERM.findall(w)][:12]


# Fixed SQL; every value that comes from the user is a query parameter (%s), never text.
# ``search_vector`` is a stored generated column (migration 0004) with a GIN index.
PG_MATCH = "disclosure_disclosure.search_vector @@ to_tsquery('simple', %s)"
PG_RANK = "ts_rank_cd(disclosure_disclosure.search_vector, to_tsquery('simple', %s))"
PG_TYPO = "%s <%% disclosure_disclosure.search_text"  # <% is word similarity
PG_TYPO_RANK = "word_similarity(%s, disclosure_disclosure.search_text)"
FTS_IDS = "SELECT rowid FROM disclosure_fts WHERE disclosure_fts MATCH %s"
FTS_RANK = (
    "SELECT -bm25(disclosure_fts) FROM disclosure_fts WHERE disclosure_fts MATCH %s "
    "AND disclosure_fts.rowid = disclosure_disclosure.id"
)


def _postgres(rows, found: list[str]):
    """Every term as a prefix (full-text, ranked by cover density); when nothing matches so,
    the typo path: trigram word similarity to the whole query. One query decides which."""
    tsquery = " & ".join(f"{t}:*" for t in found)
    match = RawSQL(PG_MATCH, [tsquery], output_field=BooleanField())  # noqa: S611
    exact = rows.annotate(_match=match).filter(_match=True)
    if exact.exists():
        rank = RawSQL(PG_RANK, [tsquery], output_field=FloatField())  # noqa: S611
        return exact.annotate(relevance=rank)
    phrase = " ".join(found)
    typo = RawSQL(PG_TYPO, [phrase], output_field=BooleanField())  # noqa: S611
    rank = RawSQL(PG_TYPO_RANK, [phrase], output_field=FloatField())  # noqa: S611
    return rows.annotate(_typo=typo).filter(_typo=True).annotate(relevance=rank)


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
VOCAB_PREFIX = (
    "SELECT %s WHERE EXISTS (SELECT 1 FROM disclosure_fts_vocab WHERE term >= %s AND term < %s)"
)
VOCAB_WORDS = "SELECT term FROM disclosure_fts_vocab WHERE term IN ({marks}) ORDER BY doc DESC"
MAX_NEIGHBOURS = 20
MIN_FUZZY = 3  # one letter away from a two-letter word is half the alphabet


def one_letter_away(term: str) -> set[str]:
    """Every string one edit from ``term``: a letter replaced, removed, added, or two
    neighbours swapped (Damerau–Levenshtein distance 1)."""
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    found |= {a + c + b for a, b in splits for c in ALPHABET}
    found.discard(term)
    return {w for w in found if w}


def _known(cursor, found: list[str]) -> set[str]:
    """The terms that are a word of the register or the start of one (one query)."""
    sql = " UNION ALL ".join([VOCAB_PREFIX] * len(found))
    cursor.execute(sql, [x for t in found for x in (t, t, t + "\uffff")])
    return {row[0] for row in cursor.fetchall()}


def _neighbours(cursor, missing: list[str]) -> dict[str, list[str]]:
    """For each unknown term, the existing words one letter away, most frequent first (one
    query for all of them)."""
    near = {t: one_letter_away(t) for t in missing if len(t) >= MIN_FUZZY}
    pool = sorted(set().union(*near.values())) if near else []
    if not pool:
        return {}
    cursor.execute(VOCAB_WORDS.format(marks=", ".join(["%s"] * len(pool))), pool)  # noqa: S608
    words = [row[0] for row in cursor.fetchall()]
    return {t: [w for w in words if w in near[t]][:MAX_NEIGHBOURS] for t in near}


def sqlite_match(found: list[str]) -> str:
    """The FTS5 MATCH expression of the folded terms: each term as a prefix when some word
    starts with it, else the words one letter away (none matching when there is none). One
    query when every term is known, two with a typo."""
    with connection.cursor() as cursor:
        known = _known(cursor, found)
        near = _neighbours(cursor, [t for t in found if t not in known])
    parts = []
    for term in found:
        if near.get(term):
            parts.append("(" + " OR ".join(f'"{w}"' for w in near[term]) + ")")
        else:
            parts.append(f'"{term}"*')
    return " AND ".join(parts)


def _sqlite(rows, found: list[str]):
    fts = sqlite_match(found)
    ids = RawSQL(FTS_IDS, [fts])  # noqa: S611
    rank = RawSQL(FTS_RANK, [fts], output_field=FloatField())  # noqa: S611
    return rows.filter(pk__in=ids).annotate(relevance=rank)


def search_disclosures(
    query: str,
    *,
    commune=None,
    village=None,
    category: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    """Public disclosures (published or withdrawn, never agency-internal) matching ``query``,
    most relevant first, filtered by commune, village, category and start date. An empty
    query matches nothing."""
    found = terms(query)
    rows = Disclosure.objects.public().started().select_related("commune", "village")
    if commune is not None:
        rows = rows.filter(commune=commune)
    if village is not None:
        rows = rows.filter(village=village)
    if category:
        rows = rows.filter(category=category) if category in CATEGORIES else rows.none()
    if date_from:
        rows = rows.filter(starts_on__gte=date_from)
    if date_to:
        rows = rows.filter(starts_on__lte=date_to)
    if not found:
        return rows.none()
    search = _postgres if connection.vendor == "postgresql" else _sqlite
    return search(rows, found).order_by("-relevance", "-starts_on", "-id")


def highlight(text: str, query: str, *, limit: int | None = None) -> SafeString:
    """``text`` escaped, with every word that starts with a search term wrapped in ``<mark>``
    (matched on the folded text, which has the same length as the original). With ``limit``,
    a window of about that many characters around the first match."""
    text = text or ""
    found = terms(query)
    folded = fold(text)
    if len(folded) != len(text):  # not NFC: highlight nothing rather than the wrong letters
        folded = ""
    spans = []
    for term in found:
        for m in re.finditer(rf"(?<![^\W_]){re.escape(term)}", folded):
            spans.append((m.start(), m.end()))
    start, end = 0, len(text)
    if limit and len(text) > limit:
        first = min((s for s, _ in spans), default=0)
        start = max(0, first - limit // 3)
        end = min(len(text), start + limit)
    out, pos = [], start
    for s, e in sorted(_merge(spans)):
        if e <= start or s >= end:
            continue
        s, e = max(s, pos), min(e, end)
        out += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        pos = e
    out.append(escape(text[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece escaped


def _merge(spans):
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
