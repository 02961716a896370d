"""The cover emblem: judged by its bytes, size-limited, SVG without active content, embedded as data: URL."""
import base64
import struct
import zlib

import pytest
import yaml

from toolkit.documents.analysis.report import AnalysisReport
from toolkit.documents.registry import load_params, validate
from toolkit.kit import emblem
from toolkit.kit.errors import InputErrors


def png(width=4, height=4) -> bytes:
    """A real (tiny) PNG, written by hand."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def test_kinds_are_judged_by_content_not_by_name():
    assert emblem.kind_of(png()) == "png"
    assert emblem.kind_of(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"
    assert emblem.kind_of(b'<?xml version="1.0"?>\n<!-- ours -->\n' + SVG) == "svg"
    assert emblem.kind_of(b"GIF89a....") is None and emblem.kind_of(b"%PDF-1.7") is None
    with pytest.raises(emblem.EmblemError) as err:
        emblem.check(b"GIF89a" + b"\x00" * 30)
    assert "PNG, JPEG หรือ SVG" in err.value.th and "not its name" in err.value.en


@pytest.mark.parametrize("bad, why", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "script"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', "event handlers"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
     b'<image x:href="https://example.org/a.png"/></svg>', "outside"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "foreignobject"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>', "outside"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://e.org/x.css);</style></svg>', "outside"),
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "DOCTYPE"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "well-formed"),
])
def test_svg_with_active_content_is_refused(bad, why):
    with pytest.raises(emblem.EmblemError) as err:
        emblem.check(bad)
    assert why in err.value.en and err.value.th


def test_size_limit():
    with pytest.raises(emblem.EmblemError) as err:
        emblem.check(png() + b"\x00" * emblem.MAX_BYTES)
    assert "kB" in err.value.en and "กิโลไบต์" in err.value.th


def test_data_url_round_trip():
    url = emblem.to_data_url(png())
    assert url.startswith("data:image/png;base64,") and emblem.from_data_url(url) == png()
    assert emblem.resolve(url, None) == url  # what the notebook re-validates: accepted and re-checked
    forged = "data:image/png;base64," + base64.b64encode(b"<svg onload='x'></svg>").decode()
    with pytest.raises(emblem.EmblemError):
        emblem.resolve(forged, None)


def test_params_path_is_relative_to_the_params_file_and_embedded(tmp_path, make_params):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "seal.png").write_bytes(png())
    data = make_params(organisation={"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง",
                                     "province": "ราชบุรี", "emblem": "img/seal.png"})
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    p = load_params(path)
    assert p.organisation.emblem == emblem.to_data_url(png())
    cover = str(AnalysisReport(p).cover())
    assert '<img class="cover-emblem" src="data:image/png;base64,' in cover and "img/seal.png" not in cover
    # the image is carried in the data: the notebook needs no file beside it
    assert validate(p.model_dump(mode="json", by_alias=True)).organisation.emblem == p.organisation.emblem


def test_bad_emblem_names_file_field_and_fix(tmp_path, make_params):
    (tmp_path / "seal.png").write_text("not an image", encoding="utf-8")
    for name, th, en in (("seal.png", "PNG, JPEG หรือ SVG", "PNG, JPEG or SVG"),
                         ("nowhere.png", "ไม่พบไฟล์ตราสัญลักษณ์", "not found")):
        data = make_params(organisation={"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง",
                                         "province": "ราชบุรี", "emblem": name})
        path = tmp_path / "doc.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises(InputErrors) as err:
            load_params(path)
        (e,) = list(err.value)
        assert e.location.field == "organisation.emblem" and e.source == str(path) and e.location.line
        assert th in e.message_th() and en in e.message_en()
