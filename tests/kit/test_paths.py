import os

import pytest

from toolkit.kit.paths import (
    MAX_NAME_BYTES,
    clean_temporaries,
    inside,
    safe_name,
    write_atomic,
)


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", ".", "a/../../b", "\x00evil", "C:\\x", "  "])
def test_hostile_names_stay_inside(tmp_path, name):
    path = inside(tmp_path, name)
    assert path.resolve().parent == tmp_path.resolve()
    assert "/" not in path.name and "\x00" not in path.name and path.name not in ("", ".", "..")


def test_thai_names_stay_readable():
    assert safe_name("องค์การบริหารส่วนตำบลสามเรือน") == "องค์การบริหารส่วนตำบลสามเรือน"
    assert safe_name("อบต. ก/ข") == "อบต. ก_ข"


def test_long_names_are_bounded_on_a_character_boundary():
    name = safe_name("ก" * 500)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name == "ก" * (MAX_NAME_BYTES // 3)


def test_write_atomic_leaves_no_temporary(tmp_path):
    target = write_atomic(tmp_path / "sub" / "a.html", "สวัสดี")
    assert target.read_text(encoding="utf-8") == "สวัสดี"
    assert os.listdir(tmp_path / "sub") == ["a.html"]


def test_failed_write_keeps_the_old_file(tmp_path):
    target = write_atomic(tmp_path / "a.txt", "old")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # not bytes/str: fails before the rename
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_clean_temporaries(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / ".a.html.123.tmp").write_text("half")
    (tmp_path / "x" / "a.html").write_text("whole")
    assert clean_temporaries(tmp_path) == 1
    assert os.listdir(tmp_path / "x") == ["a.html"]
