"""Read YAML text into plain values that remember the line and column of everything.

We drive PyYAML's event parser (LibYAML's when available) and build the values ourselves,
instead of calling ``yaml.load``, because that lets us:

- keep the position of every mapping value and list item, for ``FILE:LINE:COL`` messages;
- refuse every tag outside plain data (``!!python/object`` and friends are never constructed);
- never recurse: deeply nested input cannot overflow the stack (LibYAML's composer crashes
  the interpreter on 100,000 nested brackets);
- share, not copy, the value an alias refers to, so an alias bomb costs no memory here (the
  loader then bounds how much it will walk), and refuse an alias to a value that is still open
  (a value containing itself);
- report duplicate keys, which PyYAML silently resolves to the last one.

It is also faster than ``yaml.load`` with the C loader, because no node tree is built.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

__all__ = ["REFUSED", "YList", "YMap", "YamlIssue", "line_column", "read_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STD = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_STD + t for t in ("str", "null", "bool", "int", "float"))
_TIMESTAMP, _MERGE, _MAP, _SEQ = (_STD + t for t in ("timestamp", "merge", "map", "seq"))
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}

# Characters YAML allows in a stream (YAML 1.1, 5.1); anything else is a sign of a binary file.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_constructor = SafeConstructor()
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_intern = sys.intern

# The first characters with which a plain scalar may resolve to something other than text
# (a number, a boolean, null, a date…). Any other plain scalar is text: no regex is tried.
_RESOLVERS = _Loader.yaml_implicit_resolvers
_MAYBE_NOT_TEXT = None if None in _RESOLVERS else frozenset(_RESOLVERS)
_MEMO_LENGTH = 64  # plain scalars up to this long have their resolved tag remembered
_REPORT_EVERY = 16_384  # parser events between two progress reports


class _Refused:
    """The value of something already reported as an error (a refused tag, a bad alias)."""

    def __repr__(self) -> str:
        return "REFUSED"


#: Stands for a value that was refused with an error; checks skip it rather than complain again.
REFUSED = _Refused()


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, breaking lines at CR LF, CR or LF as YAML does.

    >>> line_column("a\\r\\nbc\\rd", 6)
    (3, 1)
    """
    lines = _LINE_BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


class YMap(dict):
    """A mapping read from YAML; ``mark`` is its own position, ``marks[key]`` its values'.

    ``raw[key]`` holds the text as written for a value YAML read as a non-string scalar
    (``name: 1984`` reads as the int 1984; the loader wants the text "1984").
    """

    __slots__ = ("mark", "marks", "key_marks", "raw")

    def __init__(self, mark: tuple[int, int]):
        super().__init__()
        self.mark = mark
        self.marks: dict[str, tuple[int, int]] = {}
        self.key_marks: dict[str, tuple[int, int]] = {}
        self.raw: dict[str, str] = {}


class YList(list):
    """A list read from YAML; ``mark`` is its own position, ``marks[i]`` its items'."""

    __slots__ = ("mark", "marks", "raw")

    def __init__(self, mark: tuple[int, int]):
        super().__init__()
        self.mark = mark
        self.marks: list[tuple[int, int]] = []
        self.raw: dict[int, str] = {}


class YamlIssue:
    """A problem found while reading: 1-based position and message."""

    __slots__ = ("line", "column", "message")

    def __init__(self, mark: tuple[int, int], message: str):
        self.line, self.column = mark
        self.message = message

    def __repr__(self) -> str:
        return f"YamlIssue({self.line}, {self.column}, {self.message!r})"


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _tag_resolver(loader) -> Callable[[str, tuple[bool, bool]], str]:
    """``tag_of(text, implicit)``: the tag PyYAML resolves an untagged scalar to, fast.

    Plain scalars whose first character starts no implicit type are text straight away;
    the others are resolved by PyYAML and remembered (ids, types and dates repeat a lot).
    """
    resolve = loader.resolve
    memo: dict[str, str] = {}
    maybe = _MAYBE_NOT_TEXT
    by_path = bool(getattr(loader, "yaml_path_resolvers", None))

    def tag_of(text: str, implicit: tuple[bool, bool]) -> str:
        if not implicit[0]:  # quoted: text, unless path resolvers say otherwise
            return resolve(ScalarNode, text, implicit) if by_path else _STR
        if maybe is not None and text[:1] not in maybe:
            return _STR
        tag = memo.get(text)
        if tag is None:
            tag = resolve(ScalarNode, text, implicit)
            if len(text) <= _MEMO_LENGTH:
                memo[text] = tag
        return tag

    return tag_of


class _Frame:
    __slots__ = ("value", "is_map", "key", "key_mark", "anchor", "merges", "refused")

    def __init__(self, value, is_map: bool, anchor: str | None):
        self.value = value
        self.is_map = is_map
        self.key = None  # pending key while a map waits for its value
        self.key_mark = None
        self.anchor = anchor
        self.merges: list = []
        self.refused = False


_NO_KEY = object()  # a key that could not be used; its value is read and dropped
_MERGE_KEY = object()


def read_yaml(
    text: str, report: Callable[[int], None] | None = None
) -> tuple[object, list[YamlIssue], int]:
    """Read one YAML document into YMap / YList / scalars.

    Returns ``(value, issues, events)``: the value (``None`` for an empty document, or when a
    syntax error stopped reading), every problem found, and how many parser events the text
    held (the loader uses it to bound how much an alias-heavy file may expand). ``report``,
    when given, is called now and then with how many characters of ``text`` were read (for a
    progress bar).

    >>> value, issues, _ = read_yaml("a: [1, two]\\nb: !!python/object:os.system x\\n")
    >>> value["a"], value.marks["a"], value["a"].marks[1]
    ([1, 'two'], (1, 4), (1, 8))
    >>> issues
    [YamlIssue(2, 4, "the YAML tag '!!python/object:os.system' is not allowed: actorgraph reads plain data only, and refuses (never runs) such tags")]
    """
    issues: list[YamlIssue] = []
    bad = _NON_PRINTABLE.search(text)
    if bad:
        code = ord(bad.group())
        issues.append(
            YamlIssue(
                line_column(text, bad.start()),
                f"character U+{code:04X} is not allowed in YAML text; is this a binary file? "
                "A dataset must be a UTF-8 text file",
            )
        )
        return None, issues, 0

    loader = _Loader(text)
    try:
        return _read_events(loader, text, issues, report)
    finally:
        loader.dispose()


def _read_events(loader, text: str, issues: list[YamlIssue], report) -> tuple:
    """The event loop of :func:`read_yaml` (hot: one pass per parser event, no recursion)."""
    get_event = loader.get_event
    tag_of = _tag_resolver(loader)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[object, str | None]] = {}
    open_anchors: set[str] = set()
    root = None
    documents = 0
    events = 0
    next_report = _REPORT_EVERY if report is not None else -1
    try:
        while True:
            ev = get_event()
            events += 1
            if events == next_report:
                report(ev.start_mark.index)
                next_report += _REPORT_EVERY
            cls = ev.__class__
            raw = None
            if cls is ScalarEvent:
                start = ev.start_mark
                mark = (start.line + 1, start.column + 1)
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    # A mapping key: plain text is by far the most common case.
                    key = ev.value
                    tag = ev.tag or tag_of(key, ev.implicit)
                    if tag != _STR or ev.anchor is not None:
                        value, raw = _scalar(loader, ev, mark, issues)
                        if ev.anchor is not None:
                            anchors[ev.anchor] = (value, raw)
                    if tag == _MERGE and ev.implicit[0]:
                        frame.key = _MERGE_KEY
                    elif key == "" and ev.implicit[0]:
                        issues.append(YamlIssue(mark, "a mapping key is empty"))
                        frame.key = _NO_KEY
                    else:
                        frame.key = _intern(key)
                    frame.key_mark = mark
                    continue
                if ev.tag is None:
                    tag = tag_of(ev.value, ev.implicit)
                    if tag == _STR:
                        value = ev.value
                    else:
                        value, raw = _scalar(loader, ev, mark, issues, tag)
                else:
                    value, raw = _scalar(loader, ev, mark, issues)
                if ev.anchor is not None:
                    anchors[ev.anchor] = (value, raw)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                is_map = cls is MappingStartEvent
                start = ev.start_mark
                mark = (start.line + 1, start.column + 1)
                tag = ev.tag
                refused = tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ)
                if refused:
                    issues.append(YamlIssue(mark, _tag_message(tag)))
                if ev.anchor is not None:
                    open_anchors.add(ev.anchor)
                frame = _Frame(YMap(mark) if is_map else YList(mark), is_map, ev.anchor)
                frame.refused = refused
                stack.append(frame)
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                mark = value.mark
                if frame.merges:
                    _apply_merges(value, frame.merges, issues)
                if frame.refused:
                    value = REFUSED
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (value, None)
            elif cls is AliasEvent:
                mark = _pos(ev.start_mark)
                if ev.anchor in anchors:
                    value, raw = anchors[ev.anchor]
                elif ev.anchor in open_anchors:
                    issues.append(
                        YamlIssue(
                            mark, f"the alias *{ev.anchor} refers to a value that contains it"
                        )
                    )
                    value = REFUSED
                else:
                    issues.append(
                        YamlIssue(
                            mark, f"the alias *{ev.anchor} has no anchor &{ev.anchor} before it"
                        )
                    )
                    value = REFUSED
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    issues.append(
                        YamlIssue(
                            _pos(ev.start_mark),
                            "a second YAML document starts here ('---'); a dataset file holds one "
                            "document: split it into two files and pass both with --data",
                        )
                    )
                    break
                continue
            elif cls is StreamEndEvent:
                break
            else:
                continue

            if not stack:
                root = value
                continue
            frame = stack[-1]
            if frame.is_map:
                key = frame.key
                if key is None:  # a collection (or an alias) used as a key
                    issues.append(
                        YamlIssue(
                            mark,
                            "a mapping key must be plain text, not a list, a mapping or an alias",
                        )
                    )
                    frame.key = _NO_KEY
                    continue
                frame.key = None
                if key is _NO_KEY:
                    continue
                if key is _MERGE_KEY:
                    frame.merges.append((value, mark))
                    continue
                target = frame.value
                if key in target:
                    first = target.key_marks[key]
                    issues.append(
                        YamlIssue(
                            frame.key_mark,
                            f"the key '{key}' appears twice in this mapping (first on line "
                            f"{first[0]}); keep one",
                        )
                    )
                    continue
                target[key] = value
                target.marks[key] = mark
                target.key_marks[key] = frame.key_mark
                if raw is not None:
                    target.raw[key] = raw
            else:
                target = frame.value
                if raw is not None:
                    target.raw[len(target)] = raw
                target.append(value)
                target.marks.append(mark)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _inside(text, _pos(mark) if mark is not None else (1, 1))
        what = exc.problem or exc.context or "unreadable YAML"
        if _char_at(text, where) == "\t":
            what += "; YAML does not allow tabs for indentation: use spaces"
        if exc.context and exc.problem:
            what += f" ({exc.context}"
            if exc.context_mark is not None and exc.context_mark.line != mark.line:
                what += f" that starts on line {exc.context_mark.line + 1}"
            what += ")"
        issues.append(YamlIssue(where, f"YAML syntax error: {what}"))
        return None, issues, events
    except yaml.YAMLError as exc:  # reader errors carry no mark
        issues.append(YamlIssue((1, 1), f"cannot read this as YAML: {exc}"))
        return None, issues, events
    return root, issues, events


def _char_at(text: str, where: tuple[int, int]) -> str:
    lines = _LINE_BREAK.split(text)
    line = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    return line[where[1] - 1 : where[1]]


def _inside(text: str, where: tuple[int, int]) -> tuple[int, int]:
    """LibYAML puts the end of a text without a final newline on the line after it: move it
    back to the end of the last line, where PyYAML puts it."""
    lines = _LINE_BREAK.split(text)
    if text and text[-1] not in "\r\n" and where[0] > len(lines):
        return len(lines), len(lines[-1]) + 1
    return where


def _scalar(loader, ev, mark, issues, resolved: str | None = None) -> tuple[object, str | None]:
    """The value of a scalar event, and its text when the value is not a string.

    ``resolved`` is the tag already resolved for an untagged scalar, if known."""
    text = ev.value
    tag = resolved
    if tag is None:
        tag = ev.tag
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, text, ev.implicit)
        elif tag not in _SCALAR_TAGS:
            issues.append(YamlIssue(mark, _tag_message(tag)))
            return REFUSED, None
    if tag == _STR:
        return text, None
    if tag == _TIMESTAMP:  # dates stay text; the loader parses them with its own rules
        return text, text
    if tag == _MERGE:
        return text, None
    try:
        node = ScalarNode(tag, text)
        if tag == _NULL:
            return None, text
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node), text
        if tag == _INT:
            return _constructor.construct_yaml_int(node), text
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(node), text
    except (ValueError, KeyError):
        issues.append(YamlIssue(mark, f"{text!r} is not a valid {_short_tag(tag)} value"))
        return REFUSED, None
    return text, None


def _tag_message(tag: str) -> str:
    return (
        f"the YAML tag '{_short_tag(tag)}' is not allowed: actorgraph reads plain data only, "
        "and refuses (never runs) such tags"
    )


def _apply_merges(target: YMap, merges: list, issues: list[YamlIssue]) -> None:
    """YAML merge keys (``<<: *base``): copy keys the mapping does not set itself."""
    for value, mark in merges:
        sources = value if isinstance(value, YList) else [value]
        for source in sources:
            if not isinstance(source, YMap):
                issues.append(
                    YamlIssue(mark, "a merge key '<<' needs a mapping or a list of mappings")
                )
                continue
            for key, item in source.items():
                if key not in target:
                    target[key] = item
                    target.marks[key] = source.marks[key]
                    target.key_marks[key] = source.key_marks[key]
                    if key in source.raw:
                        target.raw[key] = source.raw[key]
