"""Tests for toolkit.thai: the Thai presentation layer."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from datetime import date, timedelta

import markupsafe
import pytest
from pythainlp.corpus import thai_words
from pythainlp.tokenize import Trie, word_tokenize

from toolkit.kit import thai
from toolkit.kit.data import knowledge_text
from toolkit.kit.wordset import WordSet, glue_dates
from toolkit.kit.thai import (
    DOMAIN_WORDS,
    baht_text,
    be_year,
    ce_year,
    date_text,
    display_width,
    fiscal_period_text,
    fiscal_year_bounds,
    fiscal_year_of,
    html_words,
    number,
    parse_number,
    period_text,
    round_bounds,
    sort_key,
    sort_thai,
    to_arabic_digits,
    to_thai_digits,
    tokenize,
    word_break,
    wrap,
)

THAI_LETTER = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e]")

# Realistic report sentences, written for these tests (not taken from the code under test).
SENTENCES = [
    "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
    "ประจำปีงบประมาณพ.ศ.๒๕๖๘ ได้คะแนน ๙๖.๗๙ คะแนน อยู่ในระดับผ่านดี",
    "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้คะแนนต่ำกว่าตัวชี้วัดอื่น "
    "เนื่องจากเจ้าหน้าที่บางส่วนยังไม่เข้าใจแนวทางการยืมทรัพย์สินของราชการ",
    "องค์การบริหารส่วนตำบลจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "โดยให้สำนักปลัดเป็นผู้รับผิดชอบ",
    "ผู้รับบริการและผู้มาติดต่อราชการสามารถยื่นเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    "ผ่านบริการอิเล็กทรอนิกส์ได้ตลอด ๒๔ ชั่วโมง",
    "ผู้บริหารและผู้บังคับบัญชาต้องเป็นแบบอย่างที่ดีในการปฏิบัติตามประมวลจริยธรรม"
    "และนโยบายไม่รับของขวัญ (No Gift Policy)",
    "กองคลังเผยแพร่แผนการจัดซื้อจัดจ้างและรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. ๒๕๖๙ "
    "บนเว็บไซต์ของหน่วยงาน",
    "บุคลากรทุกคนต้องไม่เรียกรับสินบนหรือประโยชน์อื่นใดจากผู้มีส่วนได้ส่วนเสีย",
    "เทศบาลตำบลหนองบัวได้คะแนนตัวชี้วัดย่อยที่ ๙.๓ การจัดซื้อจัดจ้าง ร้อยละ 75.00 "
    "ซึ่งต่ำกว่าเกณฑ์ 85 คะแนน",
    "กองช่างและกองการศึกษาร่วมกันจัดกิจกรรมเสริมสร้างจิตสำนึกด้านคุณธรรม"
    "ให้แก่พนักงานส่วนตำบลและพนักงานจ้าง",
    "ผลผลิต: เจ้าหน้าที่เข้าร่วมโครงการไม่น้อยกว่าร้อยละ ๘๐ ผลลัพธ์: "
    "ไม่มีเรื่องร้องเรียนเกี่ยวกับการปฏิบัติหน้าที่",
    "กองสาธารณสุขและสิ่งแวดล้อมรายงานผลการดำเนินงานรอบ ๖ เดือน ตั้งแต่ ๑ ต.ค. ๖๘ ถึง ๓๑ มี.ค. ๖๙ "
    "ต่อนายกองค์การบริหารส่วนตำบล",
    "หน่วยงานต้องปรับปรุงโดยด่วนในประเด็นการเปิดเผยข้อมูล เพราะตัวชี้วัดที่ ๙ "
    "ได้คะแนนต่ำกว่าเทศบาลเมืองและเทศบาลนครในอำเภอและจังหวัดเดียวกัน",
    "องค์การบริหารส่วนจังหวัดกำหนดแนวปฏิบัติการใช้งบประมาณอย่างคุ้มค่า "
    "และแจ้งเวียนให้ทุกกองถือปฏิบัติตามแนวทางดังกล่าว",
    "ดูรายละเอียดได้ที่ https://www.example.go.th/ita/2568 "
    "หรือสอบถามเจ้าหน้าที่ผู้รับผิดชอบโทร. 0-4312-3456",
    "ปีงบประมาณ๒๕๖๙ผ่านดีเยี่ยมตัวชี้วัดหน่วยงานเจ้าหน้าที่งบประมาณแนวทาง"
    "ผู้รับบริการทรัพย์สินของราชการ",
]

# Words the brief names as never to be broken.
KEY_WORDS = [
    "ตัวชี้วัด", "ตัวชี้วัดย่อย", "งบประมาณ", "ปีงบประมาณ", "เจ้าหน้าที่", "หน่วยงาน",
    "แนวทาง", "ผู้รับบริการ", "ทรัพย์สินของราชการ", "ผู้มีส่วนได้ส่วนเสีย", "ประมวลจริยธรรม",
    "เรื่องร้องเรียน", "สำนักปลัด", "กองคลัง", "กองสาธารณสุขและสิ่งแวดล้อม",
    "ผ่านดีเยี่ยม", "ต้องปรับปรุงโดยด่วน", "พ.ศ.",
]


def boundaries(tokens: list[str]) -> set[int]:
    """Character offsets where one token ends and the next begins."""
    out, pos = set(), 0
    for tok in tokens[:-1]:
        pos += len(tok)
        out.add(pos)
    return out


def occurrences(text: str, word: str):
    start = text.find(word)
    while start != -1:
        yield start, start + len(word)
        start = text.find(word, start + 1)


# --------------------------------------------------------------------------- digits


def test_digits_both_ways_change_only_digits():
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    text = "ปี 2568 ข้อ 1.5 ITA (o27) คะแนน 96.79%"
    thai = to_thai_digits(text)
    assert thai == "ปี ๒๕๖๘ ข้อ ๑.๕ ITA (o๒๗) คะแนน ๙๖.๗๙%"
    assert to_arabic_digits(thai) == text
    assert to_arabic_digits("ไม่มีตัวเลข abc") == "ไม่มีตัวเลข abc"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (96.79, {}, "๙๖.๗๙"),
        (100, {"thai_digits": False}, "100.00"),
        (1234567.5, {"grouping": True}, "๑,๒๓๔,๕๖๗.๕๐"),
        (0.125, {"thai_digits": False}, "0.13"),  # float round() gives 0.12
        (96.785, {"thai_digits": False}, "96.79"),  # float round() gives 96.78
        (2.675, {"thai_digits": False}, "2.68"),  # float round() gives 2.67
        (-0.125, {"thai_digits": False}, "-0.13"),  # half away from zero, not up
        (-1234.5, {"thai_digits": False, "grouping": True}, "-1,234.50"),
        (-0.001, {"thai_digits": False}, "0.00"),  # no negative zero
        (2.5, {"decimals": 0, "thai_digits": False}, "3"),
        (-2.5, {"decimals": 0, "thai_digits": False}, "-3"),
        (100, {"decimals": 0}, "๑๐๐"),
        (999.995, {"thai_digits": False}, "1000.00"),
        (1234567, {"decimals": 0, "grouping": True, "thai_digits": False}, "1,234,567"),
        (96.7851, {"decimals": 3, "thai_digits": False}, "96.785"),
    ],
)
def test_number(value, kwargs, expected):
    assert number(value, **kwargs) == expected


def test_number_float_round_would_be_wrong():
    # the reason number() rounds with Decimal: these are the traps it must avoid
    assert round(0.125, 2) == 0.12 and round(96.785, 2) == 96.78
    assert number(0.125) == "๐.๑๓" and number(96.785) == "๙๖.๗๙"


def test_number_numpy_scalars():
    np = pytest.importorskip("numpy")
    assert number(np.float64(96.785), thai_digits=False) == "96.79"
    assert number(np.int64(7), decimals=0, thai_digits=False) == "7"


@pytest.mark.parametrize("bad", [True, "96.79", None])
def test_number_rejects_non_numbers(bad):
    with pytest.raises(TypeError):
        number(bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_number_rejects_non_finite(bad):
    with pytest.raises(ValueError):
        number(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๙๖.๗๙", 96.79),
        (" 1,234.5 ", 1234.5),
        ("๑๒3", 123.0),
        ("\u00a0๑,๒๓๔\u00a0", 1234.0),
        ("-๕.๕", -5.5),
        ("+85", 85.0),
        ("1,234,567.89", 1234567.89),
        (".5", 0.5),
        (42, 42.0),
        (96.79, 96.79),
    ],
)
def test_parse_number_accepts(text, expected):
    result = parse_number(text)
    assert isinstance(result, float)
    assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "abc", "nan", "NaN", "inf", "-inf", "1.2.3", "1,23", "12,34,567", "1 234",
     "๙๖.๗๙ คะแนน", "1e5", "5.", "--5", "หนึ่ง", True, False, None, float("nan"), float("inf"), [1]],
)
def test_parse_number_rejects(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_parse_number_reads_what_number_prints():
    for value in (0.0, 96.79, -1234.5, 1234567.25):
        for kw in ({}, {"grouping": True}, {"thai_digits": False, "grouping": True}):
            assert parse_number(number(value, **kw)) == value


# --------------------------------------------------------------------------- calendar


def test_be_and_ce_years():
    assert be_year(2025) == 2568
    assert ce_year(2569) == 2026
    assert ce_year(be_year(1999)) == 1999


def test_years_converted_twice_are_caught():
    with pytest.raises(ValueError):
        be_year(2568)  # already BE
    with pytest.raises(ValueError):
        ce_year(2025)  # already CE
    with pytest.raises(TypeError):
        be_year(2025.0)


def test_date_text_long_and_short():
    d = date(2025, 10, 1)
    assert date_text(d) == "๑ ตุลาคม ๒๕๖๘"
    assert date_text(d, short=True) == "๑ ต.ค. ๖๘"
    assert date_text(d, thai_digits=False) == "1 ตุลาคม 2568"
    assert date_text(d, thai_digits=False, short=True) == "1 ต.ค. 68"
    assert date_text(date(2026, 9, 30), short=True) == "๓๐ ก.ย. ๖๙"


@pytest.mark.parametrize(
    ("month", "abbr"),
    list(enumerate(
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
         "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."], start=1)),
)
def test_date_text_short_month_names(month, abbr):
    assert date_text(date(2026, month, 15), short=True) == f"๑๕ {abbr} ๖๙"


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))
    # consecutive fiscal years tile the calendar with no gap or overlap
    assert fiscal_year_bounds(2570)[0] == fiscal_year_bounds(2569)[1] + timedelta(days=1)
    with pytest.raises(ValueError):
        fiscal_year_bounds(2026)  # a CE year by mistake


def test_fiscal_year_of_boundary():
    assert fiscal_year_of(date(2025, 9, 30)) == 2568
    assert fiscal_year_of(date(2025, 10, 1)) == 2569
    assert fiscal_year_of(date(2025, 12, 31)) == 2569
    assert fiscal_year_of(date(2026, 1, 1)) == 2569
    # seed 000's error: 27 Jan 2022 (๒๗ ม.ค. ๒๕๖๕) is not within FY ๒๕๖๖
    assert fiscal_year_of(date(2022, 1, 27)) == 2565


def test_fiscal_year_of_agrees_with_bounds_every_day():
    start, end = fiscal_year_bounds(2567)  # 1 Oct 2023 - 30 Sep 2024: contains 29 Feb 2024
    d = start - timedelta(days=1)
    assert fiscal_year_of(d) == 2566
    days = 0
    d = start
    while d <= end:
        assert fiscal_year_of(d) == 2567
        d += timedelta(days=1)
        days += 1
    assert days == 366
    assert fiscal_year_of(d) == 2568


def test_fiscal_period_text():
    assert fiscal_period_text(2569) == "๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙"
    assert fiscal_period_text(2569, short=False) == "๑ ตุลาคม ๒๕๖๘ ถึง ๓๐ กันยายน ๒๕๖๙"
    assert fiscal_period_text(2569, thai_digits=False) == "1 ต.ค. 68 ถึง 30 ก.ย. 69"


def test_period_text_rejects_reversed_period():
    assert period_text(date(2025, 10, 1), date(2026, 3, 31)) == "๑ ต.ค. ๖๘ ถึง ๓๑ มี.ค. ๖๙"
    with pytest.raises(ValueError):
        period_text(date(2026, 3, 31), date(2025, 10, 1))


def test_round_bounds():
    assert round_bounds(2569, 6) == (date(2025, 10, 1), date(2026, 3, 31))
    assert round_bounds(2569, 12) == fiscal_year_bounds(2569)
    for months in (0, 3, 9, 24):
        with pytest.raises(ValueError):
            round_bounds(2569, months)


# --------------------------------------------------------------------------- baht


def test_baht_text():
    assert baht_text(1250.50) == "หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์"
    assert baht_text("๑๐๐") == "หนึ่งร้อยบาทถ้วน"
    assert baht_text(100) == "หนึ่งร้อยบาทถ้วน"
    assert baht_text("1,250.50") == baht_text(1250.5)
    assert baht_text(0) == "ศูนย์บาทถ้วน"


def test_baht_text_rounds_satang_half_up():
    assert f"{0.125:.2f}" == "0.12"  # what a plain float format would print
    assert baht_text(0.125).endswith("สิบสามสตางค์")
    assert baht_text(0.995) == "หนึ่งบาทถ้วน"


@pytest.mark.parametrize("bad", [-1, -0.5, "-5", "abc", "", True])
def test_baht_text_rejects(bad):
    with pytest.raises((ValueError, TypeError)):
        baht_text(bad)


# --------------------------------------------------------------------------- words


def test_domain_words_file():
    assert isinstance(DOMAIN_WORDS, frozenset)
    assert 150 <= len(DOMAIN_WORDS) <= 300
    assert set(KEY_WORDS) <= DOMAIN_WORDS
    for w in DOMAIN_WORDS:
        assert w == w.strip() and w and not w.startswith("#") and not any(c.isspace() for c in w)


def test_every_domain_word_is_one_token_alone():
    assert [w for w in DOMAIN_WORDS if tokenize(w) != [w]] == []


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tokenize_never_cuts_a_domain_word(sentence):
    tokens = tokenize(sentence)
    assert "".join(tokens) == sentence
    cuts = boundaries(tokens)
    for word in DOMAIN_WORDS:
        for start, end in occurrences(sentence, word):
            inside = cuts & set(range(start + 1, end))
            assert not inside, f"{word!r} cut in {tokens}"


def test_tokenize_key_words_come_out_whole():
    for word in KEY_WORDS:
        for text in (word, f"{word}ที่", f"ให้{word}", f"ของ{word} "):
            tokens = tokenize(text)
            # whole, or inside a longer token: never a token that starts or ends inside it
            assert not boundaries(tokens) & set(range(text.find(word) + 1, text.find(word) + len(word)))
        assert word in tokenize(f"ให้{word}"), word


def test_tokenize_keeps_fiscal_year_and_pho_so_apart():
    # renderers broke this as ปีงบประ|มาณพ.ศ. (มาณพ is a word)
    assert tokenize("ปีงบประมาณพ.ศ.๒๕๖๙") == ["ปีงบประมาณ", "พ.ศ.", "๒๕๖๙"]
    assert "มี.ค." in tokenize("ตั้งแต่ ๑ ต.ค. ๖๘ ถึง ๓๑ มี.ค. ๖๙")


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "abc def", "ITA 96.79%", "<b>ตัวชี้วัด</b>\r\nหน่วยงาน\t๑๒๓",
     "่่่ัั", "กขค" * 50, "😀 ผ่านดีเยี่ยม 😀", "a\u200bb ที่\u00a0นี่", *SENTENCES],
)
def test_tokenize_round_trips(text):
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


def test_tokenize_extra_words():
    text = "ประชุมที่บ้านโนนสะอาดเหนือ"
    assert "โนนสะอาดเหนือ" not in tokenize(text)
    assert "โนนสะอาดเหนือ" in tokenize(text, extra_words=["โนนสะอาดเหนือ"])
    # a bare string is one word, not a list of letters
    assert "โนนสะอาดเหนือ" in tokenize(text, extra_words="โนนสะอาดเหนือ")
    # extras do not leak into later calls
    assert "โนนสะอาดเหนือ" not in tokenize(text)


def test_word_break_inserts_between_thai_words():
    assert word_break("เจ้าหน้าที่หน่วยงาน") == "เจ้าหน้าที่\u200bหน่วยงาน"
    assert word_break("ร้อยละ96.79") == "ร้อยละ\u200b96.79"
    assert word_break("ตัวชี้วัดที่", sep="|") == "ตัวชี้วัด|ที่"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_word_break_respects_words_and_non_thai_runs(sentence):
    sep = "\u200b"
    out = word_break(sentence)
    assert out.replace(sep, "") == sentence
    assert not re.search(r"\s\u200b|\u200b\s", out), "separator next to whitespace"
    assert not out.startswith(sep) and not out.endswith(sep)
    for word in DOMAIN_WORDS:
        assert out.count(word) == sentence.count(word), word
    for run in re.findall(r"[!-~]+", sentence):  # ASCII runs: ITA, 96.79, URLs, phone numbers
        if not run.strip("()[]:.,"):
            continue
        assert run.strip("()") in out, run


def test_word_break_no_break_at_closing_punctuation():
    assert word_break("(ตัวชี้วัด)", sep="|") == "(ตัวชี้วัด)"
    assert "|ๆ" not in word_break("หน่วยงานต่างๆ", sep="|")
    assert word_break("ITA 96.79 https://x.go.th/a/b", sep="|") == "ITA 96.79 https://x.go.th/a/b"


def _strip_html(out: str) -> str:
    """Undo html_words: drop our tags, restore newlines and entities."""
    return html.unescape(re.sub(r'<span class="w">|</span>|<wbr>', "", out).replace("<br>", "\n"))


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"&'",
     "ตัวชี้วัด<script>alert('ที่')</script>หน่วยงาน", "คะแนน \"ITA\" & 'OIT' ของ<b>หน่วยงาน</b>",
     "บรรทัดแรก\nบรรทัดที่สอง", *SENTENCES],
)
def test_html_words_escapes_and_round_trips(text):
    out = html_words(text)
    assert isinstance(out, markupsafe.Markup)
    tags = set(re.findall(r"<(/?[a-zA-Z]+)", out))
    assert tags <= {"span", "/span", "wbr", "br"}, tags
    assert "<script" not in out and "<img" not in out
    assert "'" not in out
    assert '"' not in out.replace('class="w"', "")
    assert _strip_html(out) == text
    # every Thai letter is inside a nowrap span
    outside = re.sub(r'<span class="w">.*?</span>', "", out)
    assert not THAI_LETTER.search(outside)
    # Markup is not escaped twice by a template engine
    assert markupsafe.escape(out) == out


def test_html_words_structure():
    out = html_words("เจ้าหน้าที่หน่วยงาน ITA\nปีงบประมาณ")
    assert out == (
        '<span class="w">เจ้าหน้าที่</span><wbr><span class="w">หน่วยงาน</span> ITA<br>'
        '<span class="w">ปีงบประมาณ</span>'
    )
    assert str(html_words("<script>alert(1)</script>")) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html_words("") == ""


def test_html_words_wbr_where_word_break_puts_separators():
    for sentence in SENTENCES:
        out = html_words(sentence)
        assert out.count("<wbr>") == word_break(sentence).count("\u200b")


def test_display_width():
    assert display_width("ที่") == 1
    assert display_width("ผู้") == 1
    assert display_width("ปี่") == 1
    assert display_width("ตัวชี้วัด") == 5  # ต ว ช ว ด; ั ี ้ ั take no column
    assert display_width("ITA 96.79") == 9
    assert display_width("") == 0
    assert display_width("ตำบล") == 4 and display_width("น้ำ") == 2  # sara am takes its own column
    assert display_width("ก\u200bข") == 2  # the word-break hint takes none


def test_wcwidth_gives_thai_marks_no_column():
    """display_width relies on wcwidth: every Thai combining mark (Mn) must be width 0, every letter 1."""
    import unicodedata

    from wcwidth import wcwidth

    for code in range(0x0E01, 0x0E5C):
        ch = chr(code)
        if unicodedata.category(ch) == "Mn":
            assert wcwidth(ch) == 0, hex(code)
        elif unicodedata.category(ch) in ("Lo", "Nd", "Po"):
            assert wcwidth(ch) == 1, hex(code)


@pytest.mark.parametrize("width", [6, 10, 14, 24])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_wrap_fits_width_at_word_boundaries(sentence, width):
    lines = wrap(sentence, width)
    assert lines
    assert "".join(lines).replace(" ", "") == sentence.replace(" ", "")
    for line in lines:
        assert line == line.strip() and line
        if display_width(line) > width:
            # only allowed when the line is one unbreakable unit
            assert " " not in line and word_break(line) == line, line
    # each line ends at a token boundary of the original text
    cuts = boundaries(tokenize(sentence)) | {0, len(sentence)}
    pos = 0
    for line in lines:
        pos = sentence.index(line, pos)
        assert pos in cuts and pos + len(line) in cuts, line
        pos += len(line)


def test_wrap_examples():
    assert wrap("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ", 10) == [
        "ตัวชี้วัดที่ ๔", "การใช้", "ทรัพย์สินของราชการ"
    ]
    assert wrap("ทรัพย์สินของราชการ", 5) == ["ทรัพย์สินของราชการ"]
    assert wrap("ผ่านดีเยี่ยม", 50) == ["ผ่านดีเยี่ยม"]
    assert wrap("หน่วยงาน\nเจ้าหน้าที่", 50) == ["หน่วยงาน", "เจ้าหน้าที่"]
    assert wrap("", 10) == []
    with pytest.raises(ValueError):
        wrap("หน่วยงาน", 0)


# --------------------------------------------------------------------------- sorting


def test_sort_thai_dictionary_order():
    items = ["องค์การ", "กอง", "เทศบาล", "ข้าว"]
    assert sort_thai(items) == ["กอง", "ข้าว", "เทศบาล", "องค์การ"]
    assert sorted(items) != sort_thai(items)  # code-point order puts เทศบาล last
    assert sort_thai(["เกาะ", "ขา", "กา"]) == ["กา", "เกาะ", "ขา"]
    assert sort_thai(["ไก่", "เกิด", "กาล"]) == ["กาล", "เกิด", "ไก่"]
    assert sort_thai(iter(["ข", "ก"])) == ["ก", "ข"]


def test_sort_tone_marks_are_a_secondary_difference():
    # the base letters decide first (กาน before กาล: น before ล), the tone mark only between equals
    assert sort_thai(["ก้าน", "กาล", "ก่าน", "กาน"]) == ["กาน", "ก่าน", "ก้าน", "กาล"]


def test_sorting_8000_names_is_fast():
    import random
    import time

    rng = random.Random(1)
    names = [rng.choice(["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง"]) + rng.choice(
        ["สามเรือน", "เกาะพลับพลา", "ไผ่ล้อม", "โพธาราม", "น้ำพุ", "เจ็ดเสมียน"]) + str(i) for i in range(8000)]
    t = time.perf_counter()
    out = sort_thai(names)
    assert time.perf_counter() - t < 0.5  # ICU: ~35 ms here; pythainlp's collate took ~200 ms
    assert out[0].startswith("เทศบาลตำบล")  # ท before อ: the leading เ is skipped


def test_sort_key_matches_sort_thai():
    items = ["สำนักปลัด", "กองคลัง", "กองช่าง", "เทศบาลตำบล", "โครงการ", "แนวทาง", "ไตรมาส", "อำเภอ"]
    assert sorted(items, key=sort_key) == sort_thai(items)
    assert sort_thai(items)[:2] == ["กองคลัง", "กองช่าง"]


# --------------------------------------------------------------------------- import


def test_import_is_cheap_and_offline():
    env = {k: v for k, v in os.environ.items() if k != "PYTHAINLP_OFFLINE"}
    code = (
        "import os, time; t = time.perf_counter(); import toolkit.kit.thai as t_;"
        "print(round(time.perf_counter() - t, 3), os.environ.get('PYTHAINLP_OFFLINE'),"
        " t_._base_trie.cache_info().currsize, t_._base_words.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    seconds, offline, tries, words = out.stdout.split()
    assert offline == "1"
    assert (tries, words) == ("0", "0"), "the dictionary must not load at import"
    assert float(seconds) < 2.0  # generous for slow CI; ~0.1 s measured


def test_base_trie_built_once():
    tokenize("ตัวชี้วัด")
    info = thai._base_trie.cache_info()
    tokenize("หน่วยงาน")
    assert thai._base_trie.cache_info().misses == info.misses


# --------------------------------------------------------------------------- words kept whole (issue 10)


def test_narrow_cells_never_break_a_level_or_a_short_domain_word():
    assert thai.loose_units("ต้องปรับปรุงโดยด่วน") == ("ต้องปรับปรุงโดยด่วน",)  # a level: marked "!" in the data
    assert "ผ่านดีเยี่ยม" in thai.loose_units("ระดับผ่านดีเยี่ยม")
    assert not any(u.endswith("โครง") for u in thai.loose_units("จัดโครงการอบรม"))
    assert thai.loose_units("กองสาธารณสุขและสิ่งแวดล้อม") == ("กอง", "สาธารณสุข", "และ", "สิ่งแวดล้อม")  # long: may break
    assert {"ผ่านดี", "ต้องปรับปรุงโดยด่วน", "โครงการ", "องค์กร", "ผู้ร้องเรียน"} <= thai.whole_words()


def test_compound_words_of_the_documents_stay_whole():
    for text, word in [("พัฒนาช่องทางการให้บริการ", "ช่องทาง"), ("สำนักปลัดติดตามเรื่อง", "ติดตาม"),
                       ("ให้ผู้ร้องเรียนมั่นใจ", "ผู้ร้องเรียน"), ("การพัฒนาองค์กร", "องค์กร"),
                       ("ผู้มาติดต่อหรือผู้มารับบริการ", "ผู้มารับบริการ")]:
        units = thai.break_units(text)
        start = text.index(word)
        cuts = {sum(len(u) for u in units[:k]) for k in range(1, len(units))}
        assert not any(start < c < start + len(word) for c in cuts), (text, units)


def test_a_line_never_ends_with_phu():
    assert all(not u.endswith("ผู้") for u in thai.break_units("ของผู้บริหารและผู้ปฏิบัติงานกับผู้มาใช้บริการ"))


def test_word_set_cuts_as_pythainlp_trie_does():
    """wordset.WordSet replaces pythainlp's Trie for speed: the same words at every place, the same cuts."""
    words = frozenset(thai_words()) | thai.DOMAIN_WORDS
    tree, flat = Trie(words), WordSet(words)
    text = knowledge_text("recommendations.yaml") + "".join(sorted(thai.DOMAIN_WORDS))
    thai_runs = re.findall(r"[\u0e00-\u0e7f]+", text)
    assert len(thai_runs) > 500
    for run in thai_runs[:400]:
        for start in range(len(run)):
            assert flat.prefixes(run, start) == tree.prefixes(run, start), (run, start)
    sample = " ".join(thai_runs)
    assert word_tokenize(sample, custom_dict=flat, engine="newmm") == \
        word_tokenize(sample, custom_dict=tree, engine="newmm")
    assert len(flat) == len(tree) and "โครงการ" in flat and "โครงการx" not in flat
    with pytest.raises(TypeError):
        flat.add("คำใหม่")


@pytest.mark.parametrize("text, whole", [
    ("ตั้งแต่ 1 พ.ค. 68 ถึง 30 ก.ย. 69", ["1 พ.ค. 68", "30 ก.ย. 69"]),
    ("ประกาศ ณ วันที่ 1 ตุลาคม พ.ศ. 2568", ["1 ตุลาคม พ.ศ. 2568"]),
    ("ปีงบประมาณ พ.ศ. ๒๕๖๙", ["พ.ศ. ๒๕๖๙"]),
])
def test_a_date_is_one_unit_that_no_line_breaks(text, whole):
    html = str(thai.html_words(text))
    for date_text in whole:
        assert f'<span class="w">{date_text}</span>' in html
    assert re.sub(r"<[^>]+>", "", html) == text  # the text itself is unchanged
    narrow = str(thai.html_words(text, split_wider_than=4))  # a narrow column keeps every break it had
    assert not any(f'<span class="w">{d}</span>' in narrow for d in whole)


def test_numbers_that_are_not_dates_still_break():
    units = glue_dates(thai.break_units("ได้ 30 คะแนน จาก 100 คะแนน ใน 12 เดือน ปี 2568"))
    assert "30" in units and "คะแนน" in units and "12" in units and "2568" in units
