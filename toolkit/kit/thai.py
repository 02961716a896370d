"""Thai presentation layer: digits, numbers, dates, fiscal years, baht, words and line breaks.

Everything Thai that reaches a report goes through here, so that digits, dates and
word boundaries look the same in every table, chart and PDF. Built on pythainlp (offline).
"""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from importlib import resources

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import icu  # noqa: E402  (PyICU: the CLDR Thai collation)
from markupsafe import Markup, escape  # noqa: E402
from pythainlp.corpus import thai_words  # noqa: E402
from pythainlp.tokenize import Trie, word_tokenize  # noqa: E402
from pythainlp.util import (  # noqa: E402
    arabic_digit_to_thai_digit,
    bahttext,
    thai_digit_to_arabic_digit,
    thai_strftime,
)
from wcwidth import wcwidth  # noqa: E402

from .wordset import WordSet, glue_dates  # noqa: E402

__all__ = [
    "BE_YEAR",
    "DOMAIN_WORDS",
    "MARKED_WHOLE",
    "whole_words",
    "baht_text",
    "be_year",
    "ce_year",
    "date_text",
    "display_width",
    "fiscal_period_text",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "has_thai",
    "html_words",
    "join_th",
    "number",
    "parse_number",
    "period_text",
    "round_bounds",
    "sort_key",
    "sort_thai",
    "style_digits",
    "to_arabic_digits",
    "to_thai_digits",
    "tokenize",
    "break_units",
    "word_break",
    "wrap",
]

BE_OFFSET = 543
# A Buddhist-era year written in Thai or Arabic digits (2568, ๒๕๖๘), not part of a longer number.
BE_YEAR = re.compile(r"(?<![0-9๐-๙])([2๒][5๕][0-9๐-๙]{2})(?![0-9๐-๙])")
_CODE_OR_DIGITS = re.compile(r"[A-Za-z]+[0-9]+|[0-9๐-๙]+")
# BE years of the toolkit's era are > 2400 and CE years < 2400: a year on the wrong
# side of this line has almost surely been converted twice or not at all.
_BE_CE_LINE = 2400


# --------------------------------------------------------------------------- digits


def to_thai_digits(text: str) -> str:
    """Local-government documents customarily print ๐–๙; nothing but digits may change."""
    return arabic_digit_to_thai_digit(text)


def style_digits(text: str, thai_digits: bool) -> str:
    """Digits in a document's style, leaving item codes (i10, o8, O13) as the framework writes them."""
    def repl(m: re.Match) -> str:
        s = m.group()
        if s[0].isascii() and s[0].isalpha():
            return s
        return to_thai_digits(s) if thai_digits else to_arabic_digits(s)

    return _CODE_OR_DIGITS.sub(repl, str(text))


def join_th(parts: Iterable[str]) -> str:
    """A Thai enumeration: "ก ข และค" ("และ " before a Latin word or a number: "และ O13")."""
    items = [x for x in parts if x]
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    return " ".join(items[:-1]) + (" และ " if last[:1].isascii() else " และ") + last


def to_arabic_digits(text: str) -> str:
    """Parsing and comparison need one digit set; nothing but digits may change."""
    return thai_digit_to_arabic_digit(text)


# --------------------------------------------------------------------------- numbers


def _to_decimal(value: object) -> Decimal:
    """Exact decimal of what the user sees in repr, so 0.125 rounds like on paper."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, numbers.Integral):
        result = Decimal(int(value))
    elif isinstance(value, numbers.Real):
        result = Decimal(repr(float(value)))  # float() also unwraps numpy scalars
    else:
        raise TypeError(f"not a number: {value!r}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def number(
    value: float | int,
    decimals: int = 2,
    thai_digits: bool = True,
    grouping: bool = False,
) -> str:
    """Scores print with fixed decimals rounded half away from zero, as people round by hand."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    d = _to_decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, d.adjusted() + decimals + 2)
        q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "-0.00" for tiny negatives
    text = format(q, ",f" if grouping else "f")
    return to_thai_digits(text) if thai_digits else text


_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")


def parse_number(text: str | int | float) -> float:
    """Input typed by people mixes ๐–๙, 0–9 and thousands commas; anything else is an error."""
    if isinstance(text, bool):
        raise ValueError("a bool is not a number")
    if isinstance(text, (numbers.Real, Decimal)):
        result = float(text)
    elif isinstance(text, str):
        s = to_arabic_digits(text.strip())  # str.strip() also removes NBSP
        if not _NUMBER_RE.fullmatch(s):
            raise ValueError(f"not a number: {text!r}")
        result = float(s.replace(",", ""))
    else:
        raise ValueError(f"not a number: {text!r}")
    if not math.isfinite(result):
        raise ValueError(f"not a finite number: {text!r}")
    return result


def baht_text(amount: float | int | str) -> str:
    """Money in words ("…บาทถ้วน") is required next to figures in official documents."""
    d = _to_decimal(parse_number(amount)) if isinstance(amount, str) else _to_decimal(amount)
    if d < 0:
        raise ValueError(f"negative amount: {amount!r}")
    # round half-up to satang ourselves: bahttext formats with float "%.2f"
    q = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return bahttext(float(q))


# --------------------------------------------------------------------------- calendar


def _check_year(year: int) -> int:
    """Years arrive from YAML and spreadsheets; a float or bool there is a data error."""
    if isinstance(year, bool) or not isinstance(year, numbers.Integral):
        raise TypeError(f"year must be an int, not {year!r}")
    return int(year)


def be_year(ce_year: int) -> int:
    """Thai documents count years in the Buddhist Era (CE + 543)."""
    y = _check_year(ce_year)
    if y >= _BE_CE_LINE:
        raise ValueError(f"{y} looks like a BE year already")
    return y + BE_OFFSET


def ce_year(be_year: int) -> int:
    """Python dates need the CE year back (BE - 543)."""
    y = _check_year(be_year)
    if y < _BE_CE_LINE:
        raise ValueError(f"{y} looks like a CE year, not BE")
    return y - BE_OFFSET


def date_text(d: date, thai_digits: bool = True, short: bool = False) -> str:
    """Text dates read "๑ ตุลาคม ๒๕๖๘", table dates "๑ ต.ค. ๖๘" (BE years)."""
    return thai_strftime(d, "%-d %b %y" if short else "%-d %B %Y", thaidigit=thai_digits)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """The Thai fiscal year runs 1 Oct – 30 Sep and is named by the BE year it ends in."""
    end_ce = ce_year(fiscal_year_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def fiscal_year_of(d: date) -> int:
    """Activities must be reported in the fiscal year they happened in."""
    return be_year(d.year) + (1 if d.month >= 10 else 0)


def period_text(start: date, end: date, thai_digits: bool = True, short: bool = True) -> str:
    """Periods print as "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙"; a reversed period is a data error."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    return (
        f"{date_text(start, thai_digits=thai_digits, short=short)} ถึง "
        f"{date_text(end, thai_digits=thai_digits, short=short)}"
    )


def fiscal_period_text(fiscal_year_be: int, thai_digits: bool = True, short: bool = True) -> str:
    """Measures tables state the fiscal year as a date range, never by hand."""
    return period_text(*fiscal_year_bounds(fiscal_year_be), thai_digits=thai_digits, short=short)


def round_bounds(fiscal_year_be: int, months: int) -> tuple[date, date]:
    """Progress reports come in rounds of ๖ เดือน (Oct–Mar) and ๑๒ เดือน (full year)."""
    start, end = fiscal_year_bounds(fiscal_year_be)
    if months == 12:
        return start, end
    if months == 6:
        return start, date(end.year, 3, 31)
    raise ValueError(f"reporting rounds are 6 or 12 months, not {months!r}")


# --------------------------------------------------------------------------- words


def _load_domain_words() -> tuple[frozenset[str], frozenset[str]]:
    """The word list lives in a data file so it can grow without code changes; "!" marks a word that
    stays whole even in narrow table cells (the level names)."""
    text = resources.files("toolkit").joinpath("knowledge/thai_words.txt").read_text("utf-8")
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    words = [w for w in lines if w]
    return frozenset(w.lstrip("!") for w in words), frozenset(w[1:] for w in words if w.startswith("!"))


DOMAIN_WORDS, MARKED_WHOLE = _load_domain_words()
WHOLE_WIDTH = 10  # display columns: a domain word this short stays whole in narrow table cells too

_THAI_LETTER = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]")  # letters, vowels, marks; not ๐–๙
_COMBINING = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# a line must not start with closing punctuation / ๆ ฯ, nor end with opening punctuation
_NO_BREAK_BEFORE = tuple(")]}>.,;:!?%»”’…ๆฯ\u0e5a\u0e5b" + _COMBINING + _ZERO_WIDTH)
# ผู้ ("one who") begins a noun (ผู้|มารับบริการ would read as two words): never a line's last word
_NO_BREAK_AFTER = (*"([{<«“‘", "ผู้")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _normalise_extra(extra_words: Iterable[str]) -> frozenset[str]:
    """A bare string would otherwise be taken letter by letter."""
    if isinstance(extra_words, str):
        extra_words = (extra_words,)
    return frozenset(w.strip() for w in extra_words if w and w.strip())


@lru_cache(maxsize=1)
def _base_words() -> frozenset[str]:
    """pythainlp's dictionary plus ours, loaded only when first needed."""
    return frozenset(thai_words()) | DOMAIN_WORDS


@lru_cache(maxsize=1)
def _base_trie() -> Trie:
    """Shared by every call without extra words."""
    return WordSet(_base_words())


@lru_cache(maxsize=1)
def general_words() -> Trie:
    """pythainlp's own dictionary (its default for newmm), as a WordSet."""
    return WordSet(thai_words())


@lru_cache(maxsize=8)
def _guard(extra: frozenset[str]) -> re.Pattern[str]:
    """Finds every occurrence (overlaps too) of a protected word, longest first at each place."""
    words = sorted(DOMAIN_WORDS | extra, key=lambda w: (-len(w), w))
    return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")


def _protect(tokens: list[str], text: str, extra: frozenset[str]) -> list[str]:
    """newmm may still cut a protected word in some contexts; glue such cuts back."""
    inside: set[int] = set()
    for m in _guard(extra).finditer(text):
        inside.update(range(m.start() + 1, m.start() + len(m.group(1))))
    if not inside:
        return tokens
    out: list[str] = []
    pos = 0
    for tok in tokens:
        if out and pos in inside:
            out[-1] += tok
        else:
            out.append(tok)
        pos += len(tok)
    return out


def tokenize(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Word boundaries are the only safe line-break points in Thai, which has no spaces."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not text:
        return []
    extra = _normalise_extra(extra_words)
    out: list[str] = []
    # tokens never cross spaces or numbers: cache per phrase between them, which recur across
    # organisations (a phrase holding a score or a year would otherwise never hit the cache)
    for chunk in _SPLIT.split(text):
        if chunk:
            out.extend((chunk,) if _SPLIT.fullmatch(chunk) else _tokens(chunk, extra))
    return out


_SPLIT = re.compile(r"(\s+|[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*)")


@lru_cache(maxsize=16384)
def _tokens(text: str, extra: frozenset[str]) -> tuple[str, ...]:
    """Cached: a batch repeats headings and knowledge-base sentences for every organisation.

    Extra words (an organisation's name) are enforced by gluing cuts back, not by a new trie:
    rebuilding the 60k-word trie costs ~0.8 s, per organisation in a batch.
    """
    tokens = word_tokenize(text, custom_dict=_base_trie(), engine="newmm", keep_whitespace=True)
    tokens = _protect([t for t in tokens if t], text, extra)
    if "".join(tokens) != text:  # pragma: no cover - never seen; losing text is worse than a bad break
        return (text,)
    return tuple(tokens)


def has_thai(token: str) -> bool:
    return _THAI_LETTER.search(token) is not None


def break_units(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Tokens glued into unbreakable units: whitespace runs stay separate units."""
    units: list[str] = []
    prev_space = True
    for tok in tokenize(text, extra_words):
        space = tok.isspace()
        if (
            units
            and not space
            and not prev_space
            and not (
                (has_thai(units[-1]) or has_thai(tok))
                and not tok.startswith(_NO_BREAK_BEFORE)
                and not units[-1].endswith(_NO_BREAK_AFTER)
            )
        ):
            units[-1] += tok  # no break allowed here
        else:
            units.append(tok)
        prev_space = space
    return units


def whole_words() -> frozenset[str]:
    """Words no line ever breaks inside, not even in a narrow table cell: the marked ones (levels)
    and every domain word of at most WHOLE_WIDTH columns (โครงการ, ผู้ร้องเรียน, องค์กร)."""
    return MARKED_WHOLE | frozenset(w for w in DOMAIN_WORDS if display_width(w) <= WHOLE_WIDTH)


@lru_cache(maxsize=1)
def _whole_guard() -> re.Pattern[str]:
    words = sorted(whole_words(), key=lambda w: (-len(w), w))
    return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")


@lru_cache(maxsize=4096)
def loose_units(text: str) -> tuple[str, ...]:
    """Words of pythainlp's general dictionary (กอง|สาธารณสุข|และ|สิ่งแวดล้อม), glued by the no-break rules
    and never cut inside a whole word (whole_words: levels, short domain words): where a narrow table
    cell may break a compound that the domain dictionary keeps whole."""
    inside: set[int] = set()
    for m in _whole_guard().finditer(text):
        inside.update(range(m.start() + 1, m.start() + len(m.group(1))))
    out: list[str] = []
    pos = 0
    for tok in word_tokenize(text, custom_dict=general_words(), engine="newmm", keep_whitespace=True):
        if not tok:
            continue
        if out and not tok.isspace() and not out[-1].isspace() and (
                pos in inside or tok.startswith(_NO_BREAK_BEFORE) or out[-1].endswith(_NO_BREAK_AFTER)
                or not has_thai(tok) or not has_thai(out[-1])):
            out[-1] += tok
        else:
            out.append(tok)
        pos += len(tok)
    return tuple(out) if "".join(out) == text else (text,)


def word_break(text: str, extra_words: Iterable[str] = (), sep: str = "\u200b") -> str:
    """Renderers without a Thai dictionary (or with a worse one) need explicit break hints."""
    units = break_units(text, extra_words)
    out: list[str] = []
    for i, u in enumerate(units):
        if i and not u.isspace() and not units[i - 1].isspace():
            out.append(sep)
        out.append(u)
    return "".join(out)


def html_words(text: str, extra_words: Iterable[str] = (), split_wider_than: int | None = None) -> Markup:
    """Chromium and WeasyPrint break Thai mid-word; nowrap spans + <wbr> leave them only our breaks.

    In a narrow table column, units wider than `split_wider_than` display columns (a compound of the
    domain dictionary such as กองสาธารณสุขและสิ่งแวดล้อม) may also break at their general-dictionary word
    boundaries (loose_units), so no word sticks out of its column.
    """
    units = break_units(text, extra_words)
    if split_wider_than is None:  # running text; a narrow column may still need a date's spaces
        units = glue_dates(units)
    parts: list[str] = []
    for i, u in enumerate(units):
        if u.isspace():
            parts.append(_NEWLINE.sub("<br>", str(escape(u))))
            continue
        if i and not units[i - 1].isspace():
            parts.append("<wbr>")
        wide = split_wider_than is not None and has_thai(u) and display_width(u) > split_wider_than
        pieces = loose_units(u) if wide else (u,)
        parts.append("<wbr>".join(
            f'<span class="w">{escape(x)}</span>' if has_thai(x) else str(escape(x)) for x in pieces))
    return Markup("".join(parts))


def display_width(text: str) -> int:
    """Columns a label takes: Thai marks stack above or below their consonant and take none (wcwidth)."""
    # per character (13 µs for a chart label) rather than wcswidth's grapheme pass (63 µs): Thai has no
    # wide or joined clusters; control characters count 0 instead of wcswidth's -1
    return sum(max(w, 0) for w in map(wcwidth, text))


def wrap(text: str, width: int, extra_words: Iterable[str] = ()) -> list[str]:
    """Chart labels need line breaks at word boundaries; matplotlib knows none for Thai."""
    if width < 1:
        raise ValueError("width must be >= 1")
    lines: list[str] = []
    for paragraph in text.splitlines():
        current = ""
        for unit in break_units(paragraph, extra_words):
            candidate = current + unit
            if not unit.isspace() and current.strip() and display_width(candidate.strip()) > width:
                lines.append(current.strip())
                current = unit
            else:
                current = candidate
        lines.append(current.strip())
    return lines


# --------------------------------------------------------------------------- sorting


# ICU's Thai collation (CLDR): leading vowels เ แ โ ใ ไ sort after their consonant, tone marks are a
# secondary difference. Measured on 8,000 organisation names: 33 ms, where pythainlp's collate took 200 ms.
_COLLATOR = icu.Collator.createInstance(icu.Locale("th_TH"))


def sort_key(text: str) -> tuple[bytes, str]:
    """Thai dictionary order skips leading vowels (เ แ โ ใ ไ); code-point order does not."""
    return _COLLATOR.getSortKey(text), text  # ties broken by the text itself, so the order is total


def sort_thai(items: Iterable[str]) -> list[str]:
    """Lists of units, projects and names appear in Thai dictionary order."""
    return sorted(items, key=sort_key)
