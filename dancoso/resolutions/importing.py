"""Reading a resolution file (format ``dancoso-resolution/1``, YAML or JSON) into a checked
draft, without the database. Every refusal names the file, the line and what to fix.

JSON is read by the same YAML parser (a JSON document is YAML), so a JSON file gets line
numbers too. The parser keeps each node's mark, so a message points at the line of the value at
fault, not at the top of the file. Anchors and aliases (``&a`` / ``*a``) are refused: a resolution
has no use for them and they are how a small file expands into a huge one.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import yaml

from . import law

FORMAT = "dancoso-resolution/1"
MAX_BYTES = 1024 * 1024
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,29}$")
LEVELS = ("province", "commune")
REPORTERS = ("agency", "commune", "village", "province")

# Vietnamese messages telling the author what to fix.
AT = "{file}, dòng {line}: {message}"
TOO_BIG = "Tệp lớn quá 1 MB; một nghị quyết không cần dài như vậy."
NOT_TEXT = "Tệp phải là văn bản UTF-8 (YAML hoặc JSON)."
SYNTAX = "Tệp không đọc được ({problem}); hãy kiểm tra thụt lề, dấu hai chấm và dấu ngoặc."
ALIAS = "Không dùng tham chiếu YAML (&… / *…); hãy viết đầy đủ từng giá trị."
DUPLICATE_KEY = "Khóa “{key}” xuất hiện hai lần; hãy xóa một lần."
UNKNOWN_KEY = "Khóa “{key}” không có trong định dạng (có thể gõ nhầm?). Các khóa hợp lệ: {known}."
MISSING = "Thiếu khóa bắt buộc “{key}”."
WRONG_FORMAT = "Dòng format phải là “{expected}” (đang ghi “{value}”)."
NOT_MAPPING = "“{key}” phải là một nhóm khóa: giá trị (mapping)."
NOT_LIST = "“{key}” phải là một danh sách (các dòng bắt đầu bằng “- ”)."
NOT_STRING = "“{key}” phải là văn bản, không để trống."
NOT_DATE = "“{key}” phải là ngày dạng YYYY-MM-DD (ví dụ 2025-01-01), đang ghi “{value}”."
NOT_CHOICE = "“{key}” phải là một trong: {choices} (đang ghi “{value}”)."
NOT_INT = "“{key}” phải là số nguyên (mã đơn vị hành chính), đang ghi “{value}”."
BAD_CODE = "Mã “{value}” không hợp lệ: chỉ dùng chữ, số, dấu chấm, gạch ngang, tối đa 30 ký tự."
DUPLICATE_CODE = "Mã “{code}” đã dùng ở dòng {first}; mỗi mã chỉ dùng một lần."
NO_TARGETS = "Nghị quyết cần ít nhất một mục tiêu trong “targets”."
NO_SOURCE = (
    "Mục tiêu {code} chưa có nguồn số liệu: hãy ghi “indicator: <mã chỉ số>” hoặc khối "
    "“manual:” (số liệu báo cáo thủ công)."
)
BOTH_SOURCES = "Mục tiêu {code} ghi cả “indicator” và “manual”; chỉ chọn một nguồn số liệu."
UNKNOWN_INDICATOR = (
    "Chỉ số “{value}” chưa được đăng ký trên nền tảng. Hãy dùng một mã có sẵn ({known}) "
    "hoặc khối “manual:”."
)
MANUAL_UNIT = "Số liệu thủ công chỉ hỗ trợ “unit: percent” (nhập tử số và mẫu số)."
UNKNOWN_TARGET = "Biện pháp {code} nhắc tới mục tiêu “{value}” không có trong “targets”."
NO_PLACE = "Không có {level} mang mã {code} trên bản đồ hành chính; hãy kiểm tra mã."
PLACE_NAME = "Mã {code} là “{name}”, không phải “{value}”; hãy ghi đúng tên hiện nay hoặc tên cũ."


class ImportRefused(ValueError):
    """The file was refused; ``problems`` lists every ``(line, message)`` found."""

    def __init__(self, filename: str, problems: list[tuple[int, str]]):
        self.filename = filename
        self.problems = sorted(problems)
        self.messages = [
            AT.format(file=filename, line=line, message=message) for line, message in self.problems
        ]
        super().__init__("\n".join(self.messages))


@dataclass
class Draft:
    """A checked resolution, ready for ``services.import_resolution``: the top-level fields,
    the scope place, the targets and the measure groups (plain dicts in file order)."""

    fields: dict
    place: object
    targets: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)


# The shape of the format: key → (required, kind). Kinds: str, text (optional string), date,
# odate (date or null), level, int, list, map, any.
TOP = {
    "format": (True, "str"), "number": (True, "str"), "title": (True, "str"),
    "issued_on": (True, "date"), "council": (True, "map"), "scope": (True, "map"),
    "effective_from": (True, "date"), "effective_until": (False, "odate"),
    "implementer": (True, "str"), "supervisors": (False, "list"), "reporting": (False, "text"),
    "source": (False, "text"), "targets": (True, "list"), "measures": (False, "list"),
}  # fmt: skip
COUNCIL = {"level": (True, "level"), "name": (True, "str"), "term": (False, "text"),
           "session": (False, "text")}  # fmt: skip
SCOPE = {"level": (True, "level"), "place_code": (True, "int"), "place_name": (True, "str")}
TARGET = {
    "code": (True, "code"), "text": (True, "str"), "source": (True, "str"),
    "threshold": (True, "any"), "amber_from": (False, "any"), "due": (False, "odate"),
    "indicator": (False, "str"), "manual": (False, "map"),
}  # fmt: skip
MANUAL = {"reported_by": (True, "reporter"), "unit": (True, "str")}
GROUP = {"code": (True, "code"), "title": (True, "str"), "source": (True, "str"),
         "items": (False, "list")}  # fmt: skip
ITEM = {"code": (True, "code"), "text": (True, "str"), "source": (True, "str"),
        "targets": (False, "list")}  # fmt: skip


class _Tree:
    """The parsed document: plain values, and the line of every path in it."""

    def __init__(self, text: str):
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            self.lines: dict[tuple, int] = {}
            self.problems: list[tuple[int, str]] = []
            self._seen: set[int] = set()
            self.value = self._build(loader, node, ()) if node is not None else None
        finally:
            loader.dispose()

    def _build(self, loader, node, path: tuple):
        line = node.start_mark.line + 1
        if id(node) in self._seen:
            self.problems.append((line, ALIAS))
            return None
        self._seen.add(id(node))
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node)
                if key in out:
                    self.problems.append(
                        (key_node.start_mark.line + 1, DUPLICATE_KEY.format(key=key))
                    )
                    continue
                out[key] = self._build(loader, value_node, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self._build(loader, child, (*path, i)) for i, child in enumerate(node.value)]
        return loader.construct_object(node)

    def line(self, path: tuple) -> int:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Checker:
    """Walks the tree against the shapes above and collects every problem."""

    def __init__(self, tree: _Tree, indicator_codes: Iterable[str]):
        self.tree = tree
        self.problems = list(tree.problems)
        self.indicators = sorted(indicator_codes)

    def refuse(self, path: tuple, message: str) -> None:
        self.problems.append((self.tree.line(path), message))

    def mapping(self, value, path: tuple, shape: dict) -> dict:
        """The known keys of a mapping, each converted; unknown and missing keys refused."""
        if not isinstance(value, dict):
            self.refuse(path, NOT_MAPPING.format(key=path[-1] if path else "tệp"))
            return {}
        out = {}
        for key in value:
            if key not in shape:
                known = ", ".join(shape)
                self.refuse((*path, key), UNKNOWN_KEY.format(key=key, known=known))
        for key, (required, kind) in shape.items():
            if key not in value or (value[key] is None and kind not in ("odate",)):
                if required:
                    self.refuse(path, MISSING.format(key=key))
                continue
            converted = self.convert(value[key], (*path, key), kind)
            if converted is not _BAD:
                out[key] = converted
        return out

    def convert(self, value, path: tuple, kind: str):
        key = path[-1]
        if kind in ("str", "text"):
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or (kind == "str" and not value.strip()):
                return self._bad(path, NOT_STRING.format(key=key))
            return value.strip()
        if kind in ("date", "odate"):
            return self._date(value, path, optional=kind == "odate")
        if kind in ("level", "reporter"):
            choices = LEVELS if kind == "level" else REPORTERS
            if value not in choices:
                message = NOT_CHOICE.format(key=key, choices=" | ".join(choices), value=value)
                return self._bad(path, message)
            return value
        if kind == "int":
            if (
                isinstance(value, bool)
                or not isinstance(value, int | str)
                or not str(value).isdigit()
            ):
                return self._bad(path, NOT_INT.format(key=key, value=value))
            return int(value)
        if kind == "code":
            if not isinstance(value, str | int) or not CODE.match(str(value)):
                return self._bad(path, BAD_CODE.format(value=value))
            return str(value)
        if kind == "list" and not isinstance(value, list):
            return self._bad(path, NOT_LIST.format(key=key))
        if kind == "map" and not isinstance(value, dict):
            return self._bad(path, NOT_MAPPING.format(key=key))
        return value

    def _bad(self, path, message):
        self.refuse(path, message)
        return _BAD

    def _date(self, value, path, *, optional: bool):
        if value is None and optional:
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return self._bad(path, NOT_DATE.format(key=path[-1], value=value))


_BAD = object()


def _codes(checker: _Checker, entries: list[tuple[tuple, dict]], seen: dict[str, int]) -> None:
    for path, entry in entries:
        code = entry.get("code")
        if code is None:
            continue
        line = checker.tree.line((*path, "code"))
        if code in seen:
            checker.refuse((*path, "code"), DUPLICATE_CODE.format(code=code, first=seen[code]))
        else:
            seen[code] = line


def _check_target(checker: _Checker, raw, path: tuple, fields: dict) -> dict:
    target = checker.mapping(raw, path, TARGET)
    code = target.get("code", "?")
    has_indicator, has_manual = "indicator" in target, "manual" in target
    if isinstance(raw, dict) and "indicator" not in raw and "manual" not in raw:
        checker.refuse(path, NO_SOURCE.format(code=code))
    if has_indicator and has_manual:
        checker.refuse((*path, "manual"), BOTH_SOURCES.format(code=code))
    if has_indicator and target["indicator"] not in checker.indicators:
        known = ", ".join(checker.indicators) or "chưa có chỉ số nào"
        checker.refuse(
            (*path, "indicator"), UNKNOWN_INDICATOR.format(value=target["indicator"], known=known)
        )
    if has_manual:
        manual = checker.mapping(target["manual"], (*path, "manual"), MANUAL)
        if manual.get("unit", "percent") != "percent":
            checker.refuse((*path, "manual", "unit"), MANUAL_UNIT)
        target["manual"] = manual
    if "threshold" in target:
        for problem in law.threshold_problems(target["threshold"], target.get("amber_from")):
            key = "amber_from" if "amber_from" in problem else "threshold"
            checker.refuse((*path, key), problem)
    if target.get("due") and "effective_from" in fields:
        problem = law.due_problem(
            target["due"], fields["effective_from"], fields.get("effective_until")
        )
        if problem:
            checker.refuse((*path, "due"), problem)
    return target


def _check_measures(checker: _Checker, raw_groups: list, target_codes: set[str]) -> list[dict]:
    groups, entries = [], []
    for i, raw in enumerate(raw_groups):
        path = ("measures", i)
        group = checker.mapping(raw, path, GROUP)
        entries.append((path, group))
        items = []
        for j, raw_item in enumerate(group.get("items", [])):
            item_path = (*path, "items", j)
            item = checker.mapping(raw_item, item_path, ITEM)
            entries.append((item_path, item))
            for k, code in enumerate(item.get("targets", [])):
                if str(code) not in target_codes:
                    message = UNKNOWN_TARGET.format(code=item.get("code", "?"), value=code)
                    checker.refuse((*item_path, "targets", k), message)
            item["targets"] = [str(c) for c in item.get("targets", [])]
            items.append(item)
        group["items"] = items
        groups.append(group)
    _codes(checker, entries, {})
    return groups


def _check_place(checker: _Checker, scope: dict, find_place) -> object:
    if "level" not in scope or "place_code" not in scope:
        return None
    level_name = "tỉnh" if scope["level"] == "province" else "xã, phường, đặc khu"
    found = find_place(scope["level"], scope["place_code"])
    if found is None:
        message = NO_PLACE.format(level=level_name, code=scope["place_code"])
        checker.refuse(("scope", "place_code"), message)
        return None
    place, names = found
    wanted = scope.get("place_name")
    if wanted is not None and not any(same_place_name(wanted, n) for n in names):
        message = PLACE_NAME.format(code=scope["place_code"], name=names[0], value=wanted)
        checker.refuse(("scope", "place_name"), message)
    return place


PLACE_PREFIXES = ("thanh pho ", "tinh ", "xa ", "phuong ", "dac khu ", "thi tran ")


def same_place_name(written: str, known: str) -> bool:
    """ "Tỉnh Thanh Hóa" and "Thanh Hoá" name the same place: compared without case, marks
    (and the two placements of the tone mark) or the kind word in front."""
    from dancoso.core.text import fold

    def bare(name: str) -> str:
        name = " ".join(fold(name).split())
        for prefix in PLACE_PREFIXES:
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name

    return bare(written) == bare(known)


def read(
    content: bytes,
    filename: str,
    *,
    indicator_codes: Iterable[str],
    find_place: Callable[[str, int], tuple[object, list[str]] | None],
) -> Draft:
    """Parse and check a resolution file; raise ``ImportRefused`` with every problem found.
    ``find_place(level, code)`` returns ``(place, [current name, former names…])`` or None."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(filename, [(1, TOO_BIG)])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(filename, [(1, NOT_TEXT)]) from None
    try:
        tree = _Tree(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise ImportRefused(filename, [(line, SYNTAX.format(problem=problem))]) from None
    checker = _Checker(tree, indicator_codes)
    draft = _check(checker, tree.value, find_place)
    if checker.problems:
        raise ImportRefused(filename, checker.problems)
    return draft


def _check(checker: _Checker, document, find_place) -> Draft:
    fields = checker.mapping(document, (), TOP)
    if "format" in fields and fields["format"] != FORMAT:
        checker.refuse(("format",), WRONG_FORMAT.format(expected=FORMAT, value=fields["format"]))
    fields["council"] = (
        checker.mapping(fields["council"], ("council",), COUNCIL) if "council" in fields else {}
    )
    scope = checker.mapping(fields.pop("scope"), ("scope",), SCOPE) if "scope" in fields else {}
    place = _check_place(checker, scope, find_place)
    fields["scope_level"] = scope.get("level")
    if "issued_on" in fields and "effective_from" in fields:
        for problem in law.validity_problems(
            fields["issued_on"], fields["effective_from"], fields.get("effective_until")
        ):
            key = "effective_until" if "hết hiệu lực" in problem else "effective_from"
            checker.refuse((key,), problem)
    supervisors = fields.get("supervisors", [])
    for i, name in enumerate(supervisors):
        checker.convert(name, ("supervisors", i), "str")
    fields["supervisors"] = [str(s).strip() for s in supervisors if isinstance(s, str | int)]
    raw_targets = fields.pop("targets", [])
    if not raw_targets and isinstance(document, dict) and "targets" in document:
        checker.refuse(("targets",), NO_TARGETS)
    targets = [
        _check_target(checker, raw, ("targets", i), fields) for i, raw in enumerate(raw_targets)
    ]
    _codes(checker, [(("targets", i), t) for i, t in enumerate(targets)], {})
    codes = {t["code"] for t in targets if "code" in t}
    measures = _check_measures(checker, fields.pop("measures", []), codes)
    return Draft(fields=fields, place=place, targets=targets, measures=measures)
