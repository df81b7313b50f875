"""Searching public disclosures without diacritics: "ke hoach su dung dat" finds "Kế hoạch sử
dụng đất", a missing or wrong tone mark is tolerated, đ matches d.

Every searchable row keeps a folded text (``core.text.fold``: no marks, lower case, đ → d) in
``search_text``. PostgreSQL matches it with full-text search over a stored ``tsvector`` (ranked
by ``ts_rank``), SQLite with FTS5 (ranked by ``bm25``), every term as a prefix. A term that
is neither a word of the register nor the start of one is replaced by the words one letter away
from it (a letter wrong, missing, added, or two swapped) that do exist — looked up in the
register's vocabulary (SQLite: ``fts5vocab``; PostgreSQL: the ``SearchWord`` table): a few
hundred indexed look-ups in one query, then the same indexed full-text match. A later source
(consultations, decisions, answered feedback) adds a ``search_text`` column and the same
expressions over its own table.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
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
# The same test as a plain function call, which no index answers: within one commune, reading
# the commune's rows (its index) and testing each stored vector costs less than a GIN scan
# whose common prefixes ("ke:*", "su:*") match a third of the province (docs/benchmarks.md).
PG_MATCH_ROWS = "ts_match_vq(disclosure_disclosure.search_vector, to_tsquery('simple', %s))"
PG_RANK = "ts_rank(disclosure_disclosure.search_vector, to_tsquery('simple', %s))"
FTS_IDS = "SELECT rowid FROM disclosure_fts WHERE disclosure_fts MATCH %s"
FTS_RANK = (
    "SELECT -bm25(disclosure_fts) FROM disclosure_fts WHERE disclosure_fts MATCH %s "
    "AND disclosure_fts.rowid = disclosure_disclosure.id"
)


@dataclass(frozen=True)
class Vocabulary:
    """Where a database keeps the register's words: SQLite's ``fts5vocab`` view of the FTS5
    table, PostgreSQL's ``SearchWord`` table (prefix index, kept by the services)."""

    prefix: str  # one row (the term) when some word starts with it
    prefix_params: Callable[[str], list]
    words: str  # the words among a list, most used first where the database knows
    any_of: Callable[[list[str]], str]  # an OR of exact words in the match language
    prefix_term: Callable[[str], str]  # a term as a prefix in the match language
    joined: str  # AND in the match language


VOCABULARIES = {
    "sqlite": Vocabulary(
        prefix="SELECT %s WHERE EXISTS "
        "(SELECT 1 FROM disclosure_fts_vocab WHERE term >= %s AND term < %s)",
        prefix_params=lambda t: [t, t, t + "\uffff"],
        words="SELECT term FROM disclosure_fts_vocab WHERE term IN ({marks}) ORDER BY doc DESC",
        any_of=lambda ws: "(" + " OR ".join(f'"{w}"' for w in ws) + ")",
        prefix_term=lambda t: f'"{t}"*',
        joined=" AND ",
    ),
    "postgresql": Vocabulary(
        prefix="SELECT %s WHERE EXISTS (SELECT 1 FROM disclosure_searchword WHERE word LIKE %s)",
        prefix_params=lambda t: [t, t + "%"],
        words="SELECT word FROM disclosure_searchword WHERE word IN ({marks}) ORDER BY word",
        any_of=lambda ws: "(" + " | ".join(ws) + ")",
        prefix_term=lambda t: f"{t}:*",
        joined=" & ",
    ),
}
# The words of one public disclosure, from its stored vector, into the PostgreSQL vocabulary.
PG_ADD_WORDS = (
    "INSERT INTO disclosure_searchword (word) SELECT DISTINCT lexeme FROM disclosure_disclosure, "
    "unnest(tsvector_to_array(search_vector)) AS lexeme WHERE id = %s AND agency_id IS NULL "
    "AND length(lexeme) <= 100 ON CONFLICT DO NOTHING"
)
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
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


def _known(cursor, vocabulary: Vocabulary, found: list[str]) -> set[str]:
    """The terms that are a word of the register or the start of one (one query)."""
    cursor.execute(
        " UNION ALL ".join([vocabulary.prefix] * len(found)),
        [x for t in found for x in vocabulary.prefix_params(t)],
    )
    return {row[0] for row in cursor.fetchall()}


def _neighbours(cursor, vocabulary: Vocabulary, missing: list[str]) -> dict[str, list[str]]:
    """For each unknown term, the existing words one letter away (one query for all)."""
    near = {t: one_letter_away(t) for t in missing if len(t) >= MIN_FUZZY}
    pool = sorted(set().union(*near.values())) if near else []
    if not pool:
        return {}
    cursor.execute(vocabulary.words.format(marks=", ".join(["%s"] * len(pool))), pool)
    words = [row[0] for row in cursor.fetchall()]
    return {t: [w for w in words if w in near[t]][:MAX_NEIGHBOURS] for t in near}


def match_expression(found: list[str]) -> str:
    """The full-text expression of the folded terms (FTS5 MATCH on SQLite, ``tsquery`` on
    PostgreSQL): each term as a prefix when some word of the register starts with it, else
    the words one letter away (nothing matches when there is none). One query when every term
    is known, two with a typo."""
    vocabulary = VOCABULARIES[connection.vendor]
    with connection.cursor() as cursor:
        known = _known(cursor, vocabulary, found)
        near = _neighbours(cursor, vocabulary, [t for t in found if t not in known])
    return vocabulary.joined.join(
        vocabulary.any_of(near[t]) if near.get(t) else vocabulary.prefix_term(t) for t in found
    )


def add_words(disclosure_id: int) -> None:
    """Keep PostgreSQL's vocabulary (SQLite's FTS5 keeps its own): the words of a public
    disclosure, in the caller's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(PG_ADD_WORDS, [disclosure_id])


def _postgres(rows, expression: str, *, in_commune: bool):
    sql = PG_MATCH_ROWS if in_commune else PG_MATCH
    match = RawSQL(sql, [expression], output_field=BooleanField())  # noqa: S611
    rank = RawSQL(PG_RANK, [expression], output_field=FloatField())  # noqa: S611
    return rows.annotate(_match=match).filter(_match=True).annotate(relevance=rank)


def _sqlite(rows, expression: str, *, in_commune: bool):
    ids = RawSQL(FTS_IDS, [expression])  # noqa: S611
    rank = RawSQL(FTS_RANK, [expression], output_field=FloatField())  # noqa: S611
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
    found_rows = search(rows, match_expression(found), in_commune=commune is not None)
    return found_rows.order_by("-relevance", "-starts_on", "-id")


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
