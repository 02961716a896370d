"""Reading params YAML safely and pointing at the line a bad value sits on."""
from __future__ import annotations

import json

from pathlib import Path
from typing import Any, Sequence

import yaml

from ..kit.errors import InputError, Location
from ..kit.thai import to_arabic_digits

MAX_BYTES = 2_000_000  # a params file is a few kB; anything this big is a mistake
JSON_MAX_BYTES = 50_000_000  # a batch manifest (JSON) of a large province is a few MB
MAX_ALIASES = 100  # anchors are handy; thousands of them are an expansion bomb
MAX_NODES = 100_000  # after expanding aliases: a params file has a few hundred values


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses alias bombs and keeps YAML 1.1 'yes/no/on/off' as text."""

    def compose_node(self, parent, index):  # noqa: D401 - yaml API
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (*ref): refusing to expand")
        return super().compose_node(parent, index)


# YAML 1.1 turns yes/no/on/off into booleans; officials type "no" as text, so only true/false are booleans.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """File text as UTF-8 (BOM tolerated), with size and encoding errors named in both languages."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, None, "ไม่พบไฟล์หรืออ่านไฟล์ไม่ได้", "file not found or unreadable",
                         exc.strerror) from None
    if size > max_bytes:
        raise InputError(source, None, f"ไฟล์ใหญ่เกินไป (ไม่เกิน {max_bytes // 1000:,} kB)",
                         f"file too large (at most {max_bytes // 1000:,} kB)", f"{size:,} bytes")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError(source, None, "ต้องเป็นไฟล์ข้อความ YAML ไม่ใช่ไฟล์ไบนารี",
                         "expected a YAML text file, not binary data")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, None, "ไฟล์ต้องบันทึกเป็น UTF-8",
                         "the file must be saved as UTF-8", f"byte {exc.start}: {raw[exc.start:exc.start + 4]!r}") from None


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes a document holds once its aliases are expanded (shared nodes counted each time)."""
    key = id(node)
    if key not in memo:
        memo[key] = 1  # a recursive alias counts once instead of looping
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_expanded_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    return memo[key]


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML with the safe loader; syntax errors name the line and column; alias bombs are refused."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            size = _expanded_size(node, {})
            if size > MAX_NODES:
                raise InputError(source, None,
                                 f"ไฟล์ใช้ anchor/alias (&, *) ขยายเป็นข้อมูล {size:,} ค่า เกินขีดจำกัด {MAX_NODES:,} ค่า",
                                 f"anchors/aliases (&, *) expand to {size:,} values, over the limit of {MAX_NODES:,}")
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        where_th = f"บรรทัด {mark.line + 1} คอลัมน์ {mark.column + 1}" if mark else None
        raise InputError(source, None, f"รูปแบบ YAML ไม่ถูกต้อง{' ที่' + where_th if where_th else ''}: {exc.problem}",
                         f"invalid YAML{' at ' + where if where else ''}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(source, None, f"รูปแบบ YAML ไม่ถูกต้อง: {exc}", f"invalid YAML: {exc}") from None


def load_json(text: str, source: str) -> Any:
    """A JSON file (a batch manifest): parsed by the json module, far faster than YAML for large files."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, Location(line=exc.lineno), "ไฟล์ต้องเป็น JSON ที่ถูกต้อง",
                         "the file must be valid JSON", exc.msg) from None


def line_of(text: str, path: Sequence[Any]) -> int | None:
    """1-based line of the value at a field path (keys compared as text, list indices 0-based)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    line = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = None
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and _same_key(key.value, step):
                    match = (key, value)
                    break
            if match is None:
                return line
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _same_key(text: str, step: Any) -> bool:
    return to_arabic_digits(str(text)).strip() == to_arabic_digits(str(step)).strip()
