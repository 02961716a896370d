import re

from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.registry import validate
from toolkit.kit import sections

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'


def hostile_report(make_params):
    data = make_params(
        organisation={"name": "องค์การบริหารส่วนตำบลทดสอบ" + HOSTILE, "district": HOSTILE, "province": "ราชบุรี"},
        measures=[{"indicator": 4, "name": "มาตรการ" + HOSTILE, "responsible": HOSTILE, "steps": [HOSTILE],
                   "reason": HOSTILE, "monitoring": HOSTILE}],
        prepared={"by": HOSTILE, "signatory": {"name": HOSTILE, "position": HOSTILE}},
    )
    return AnalysisReport(validate(data))


def all_html(report):
    parts = [report.cover(), report.results(), report.items(), report.analysis_text(), report.measures(),
             report.closing()]
    return "".join(str(p) for p in parts if p is not None)


def test_text_from_params_is_escaped_everywhere(make_params):
    html = all_html(hostile_report(make_params))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "onerror=alert(2)" in html  # shown as text
    assert html.count("&lt;script&gt;") >= 8  # name, district, measure, steps, reason, unit, monitoring, signature


def test_only_our_tags_reach_the_page(make_params):
    html = all_html(hostile_report(make_params))
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {"section", "h1", "h2", "h3", "h4", "p", "span", "wbr", "br", "table", "caption", "thead",
                    "tbody", "tfoot", "colgroup", "col", "tr", "th", "td", "small", "sup", "ul", "ol", "li", "div", "footer", "style"}
    # the one <style> is ours and static: the page numbers in the document's digits
    assert re.findall(r"<style>(.*?)</style>", html) == [
        "@page { @bottom-center { content: counter(page, thai); } } @page cover { @bottom-center { content: none; } }"]


def test_thai_prose_is_segmented_for_renderers():
    html = str(sections.figure(b"PNG", "ตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์", True))
    assert '<span class="w">ตัวชี้วัด</span>' in html and "<wbr>" in html


def test_digit_style(make_params):
    thai = AnalysisReport(validate(make_params()))
    arabic = AnalysisReport(validate(make_params(style={"thai_digits": False})))
    assert "๙๐.๐๐" in str(thai.results()) and "90.00" not in str(thai.results())
    assert "90.00" in str(arabic.results()) and "๙๐.๐๐" not in str(arabic.results())


def test_flagged_conflict_is_marked_in_the_score_table(make_params):
    data = make_params(assessment={
        "year": 2568, "indicators": {n: 90 for n in range(1, 11)}, "reported": {"indicators": {6: 91}}})
    final = str(AnalysisReport(validate(data)).results())
    assert "ข้อสังเกตจากการตรวจทานตัวเลข" not in re.sub(r"<[^>]+>", "", final)  # in the review sheet instead
    html = str(AnalysisReport(validate({**data, "status": "draft"})).results())
    assert html.count('class="flag-mark"') == 1
    assert "ข้อสังเกตจากการตรวจทานตัวเลข" in re.sub(r"<[^>]+>", "", html)


def test_no_weakness_says_so(make_params):
    html = str(AnalysisReport(validate(make_params())).analysis_text())
    assert "ไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์" in re.sub(r"<[^>]+>", "", html)


def test_charts_are_inline_svg_with_escaped_text(make_params):
    r = AnalysisReport(validate(make_params(organisation={
        "name": "องค์การบริหารส่วนตำบล<script>alert(1)</script>", "district": "ก", "province": "ข"})))
    html = str(r.indicator_chart())
    assert html.count("<svg") == 1 and "<?xml" not in html and "<!DOCTYPE" not in html
    assert "<script" not in html and "&lt;script&gt;" in html  # the title carries the name, escaped
    assert "font-family: 'Sarabun'" in html  # text left to the page's font, not drawn as paths
    assert "svg *{stroke-linejoin" in html  # matplotlib's '*' rule scoped to the chart
