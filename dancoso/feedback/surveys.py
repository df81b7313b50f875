"""Pure checks and tallies of survey answers (no database): parse the question list an
officer types, check a set of answers against the questions, count the results."""

from dataclasses import dataclass, field

KINDS = {
    "một": "single",
    "chon-mot": "single",
    "single": "single",
    "nhiều": "multiple",
    "multiple": "multiple",
    "thang": "scale",
    "scale": "scale",
    "tự do": "text",
    "text": "text",
}
BAD_LINE = (
    "Dòng {line}: hãy viết “loại | câu hỏi | lựa chọn 1; lựa chọn 2”, loại là một, "
    "nhiều, thang hoặc tự do."
)
NO_OPTIONS = "Dòng {line}: câu chọn một hoặc chọn nhiều cần ít nhất hai lựa chọn."
NO_QUESTIONS = "Hãy ghi ít nhất một câu hỏi."
ANSWER_REQUIRED = "Hãy trả lời câu này."
BAD_CHOICE = "Lựa chọn không có trong danh sách."
BAD_SCALE = "Hãy chọn từ 1 đến 5."
SCALE_MAX = 5


@dataclass(frozen=True)
class QuestionSpec:
    """A question as the officer typed it."""

    kind: str
    text: str
    options: list[str] = field(default_factory=list)


class InvalidSurvey(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors.values()))


def parse_questions(text: str) -> list[QuestionSpec]:
    """One question per line: ``loại | câu hỏi | lựa chọn 1; lựa chọn 2`` (loại: một, nhiều,
    thang, tự do). Raises ``InvalidSurvey`` naming the first bad line."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        kind = KINDS.get(parts[0].lower()) if len(parts) >= 2 else None
        if kind is None or not parts[1]:
            raise InvalidSurvey({"questions": BAD_LINE.format(line=number)})
        options = [o.strip() for o in parts[2].split(";") if o.strip()] if len(parts) > 2 else []
        if kind in ("single", "multiple") and len(options) < 2:
            raise InvalidSurvey({"questions": NO_OPTIONS.format(line=number)})
        found.append(
            QuestionSpec(
                kind, parts[1][:300], options[:20] if kind in ("single", "multiple") else []
            )
        )
    if not found:
        raise InvalidSurvey({"questions": NO_QUESTIONS})
    return found


def _one(question, raw):
    if question["kind"] == "text":
        return str(raw or "").strip()[:2000] or None
    if question["kind"] == "scale":
        value = int(raw) if str(raw or "").isdecimal() else None
        if raw not in (None, "") and not (value and 1 <= value <= SCALE_MAX):
            raise ValueError(BAD_SCALE)
        return value
    options = question["options"]
    values = raw if isinstance(raw, list) else ([raw] if raw not in (None, "") else [])
    if question["kind"] == "single" and len(values) > 1:
        raise ValueError(BAD_CHOICE)
    picked = sorted({int(v) for v in values if str(v).isdecimal() and int(v) < len(options)})
    if len(picked) != len(values):
        raise ValueError(BAD_CHOICE)
    return picked or None


def check_answers(questions: list[dict], raw: dict) -> dict[str, object]:
    """The answers keyed by question id (as strings), checked: chosen options by index, a
    scale 1–5, free text; raises ``InvalidSurvey`` with one message per bad question."""
    clean, errors = {}, {}
    for question in questions:
        key = str(question["id"])
        try:
            value = _one(question, raw.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if value is None and question["required"]:
            errors[key] = ANSWER_REQUIRED
        elif value is not None:
            clean[key] = value
    if errors:
        raise InvalidSurvey(errors)
    return clean


def tally(questions: list[dict], responses: list[dict]) -> list[dict]:
    """Per question: counts per option, or the average and the share of 4–5 on a scale, or the
    number of free-text answers."""
    results = []
    for question in questions:
        key = str(question["id"])
        given = [r[key] for r in responses if key in r]
        row = {
            "id": question["id"],
            "text": question["text"],
            "kind": question["kind"],
            "answered": len(given),
        }
        if question["kind"] in ("single", "multiple"):
            counts = [0] * len(question["options"])
            for picked in given:
                for index in picked:
                    counts[index] += 1
            row["options"] = list(zip(question["options"], counts, strict=True))
        elif question["kind"] == "scale":
            row["average"] = round(sum(given) / len(given), 2) if given else None
            row["satisfied_share"] = (sum(v >= 4 for v in given) / len(given)) if given else None
        results.append(row)
    return results
