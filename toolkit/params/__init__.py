"""Params: YAML (or a table row) → one validated model, whatever the document type.

Generic only: reading a params file, turning pydantic's errors into bilingual InputErrors that name the
file, line and field, and validating data against a model a document type gives. Which model a file
needs is decided above this layer (toolkit.documents.registry.load_params).
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Callable, Sequence

from pydantic import BaseModel, ValidationError

from ..kit.errors import MISSING, InputError, InputErrors, Location
from .types import Expected
from .yamlio import JSON_MAX_BYTES, MAX_BYTES, line_of, load_json, load_yaml, read_text

Locate = Callable[[Sequence[Any]], Location]

_MESSAGES = {
    "missing": ("ต้องระบุค่านี้", "this field is required"),
    "float_parsing": ("ต้องเป็นตัวเลข", "expected a number"),
    "float_type": ("ต้องเป็นตัวเลข", "expected a number"),
    "int_parsing": ("ต้องเป็นจำนวนเต็ม", "expected a whole number"),
    "int_type": ("ต้องเป็นจำนวนเต็ม", "expected a whole number"),
    "int_from_float": ("ต้องเป็นจำนวนเต็ม", "expected a whole number"),
    "string_type": ("ต้องเป็นข้อความ", "expected text"),
    "bool_type": ("ต้องเป็น true หรือ false", "expected true or false"),
    "bool_parsing": ("ต้องเป็น true หรือ false", "expected true or false"),
    "dict_type": ("ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", "expected a mapping (key: value)"),
    "model_type": ("ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", "expected a mapping (key: value)"),
    "model_attributes_type": ("ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", "expected a mapping (key: value)"),
    "list_type": ("ต้องเป็นรายการ (ขึ้นต้นแต่ละข้อด้วย -)", "expected a list (one '- ' per entry)"),
    "date_type": ("ต้องเป็นวันที่ ปปปป-ดด-วว", "expected a date YYYY-MM-DD"),
}


def _field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        names.add(name)
        for arg in _types_in(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _field_names(arg, seen)
    return names


def _types_in(annotation: Any) -> list:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    out = []
    for a in args:
        out.extend(_types_in(a))
    return out


def _dotted(loc: Sequence[Any]) -> str:
    out = ""
    for step in loc:
        if isinstance(step, int) and out and not out.endswith(("indicators", "tools", "items")):
            out += f"[{step + 1}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def translate(exc: ValidationError, source: str | None, locate: Locate, model: type[BaseModel]) -> list[InputError]:
    """Pydantic errors → InputErrors with Thai and English expectations and the place they sit."""
    out: list[InputError] = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if p not in ("[key]",) and not str(p).startswith(("function-", "lax-"))]
        kind = err["type"]
        got = err.get("input")
        ctx = err.get("ctx") or {}
        if isinstance(ctx.get("error"), Expected):
            th, en = ctx["error"].th, ctx["error"].en
        elif kind == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]), sorted(_field_names(model)), n=1)
            hint_th = f" หมายถึง '{close[0]}' หรือไม่" if close else ""
            hint_en = f"; did you mean '{close[0]}'?" if close else ""
            th, en = f"ไม่รู้จักฟิลด์นี้{hint_th}", f"unknown field{hint_en}"
            got = loc[-1]
        elif kind == "literal_error":
            th = f"ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {ctx.get('expected')}"
            en = f"expected one of: {ctx.get('expected')}"
        elif kind in _MESSAGES:
            th, en = _MESSAGES[kind]
        else:
            th, en = f"ค่าไม่ถูกต้อง: {err['msg']}", err["msg"]
        if kind == "missing" or isinstance(got, (dict, list)):
            got = MISSING
        location = locate(loc)
        location.field = _dotted(loc) or None
        out.append(InputError(source, location, th, en, got))
    return out


Problems = Callable[[Any, str | None], list]  # cross-field checks: (path, Thai, English, got)


def not_a_mapping(data: Any, source: str | None) -> InputErrors:
    """The error for a file or row that is not `field: value` pairs (a list, a bare value)."""
    return InputErrors([InputError(source, None, "เนื้อหาไฟล์ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า (เช่น organisation: …)",
                                   "the file must hold a mapping of fields (organisation: …)",
                                   type(data).__name__)], source)


def validate_model(model: type[BaseModel], data: Any, source: str | None = None, locate: Locate | None = None,
                   problems: Problems | None = None):
    """A params model from plain data (a parsed YAML file or a table row), or every problem as InputErrors."""
    locate = locate or (lambda loc: Location())
    if not isinstance(data, dict):
        raise not_a_mapping(data, source)
    try:
        params = model.model_validate(data, context={"source": source})  # files named in params are relative to it
    except ValidationError as exc:
        raise InputErrors(translate(exc, source, locate, model), source) from None
    if problems:
        errors = []
        for path, th, en, got in problems(params, source):
            location = locate(list(path))
            location.field = _dotted(path) or None
            errors.append(InputError(source, location, th, en, got))
        if errors:
            raise InputErrors(errors, source)
    return params


def read_params(path: str | Path) -> tuple[Any, Locate]:
    """A params file's parsed data, and where each field sits in it (for error messages)."""
    path = Path(path)
    try:
        text = read_text(path, JSON_MAX_BYTES if path.suffix.lower() == ".json" else MAX_BYTES)
        parsed = load_json(text, str(path)) if path.suffix.lower() == ".json" else load_yaml(text, str(path))
    except InputError as exc:
        raise InputErrors([exc], str(path)) from None

    def locate(loc: Sequence[Any]) -> Location:
        return Location(line=line_of(text, loc))

    return parsed, locate


def field_location(locate: Locate, path: Sequence[Any]) -> Location:
    """Where a field path sits, with its dotted name, for an InputError."""
    location = locate(list(path))
    location.field = _dotted(path) or None
    return location
