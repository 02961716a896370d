import json
import subprocess
import sys

import pytest

from tests.support import EXAMPLES, SEED003
from toolkit.cli import main


def test_check_exit_codes(tmp_path, capsys):
    assert main(["check", str(EXAMPLES / "thungtuayang_2569.yaml")]) == 0
    assert main(["check", str(SEED003)]) == 1  # the seed's own contradictions
    out = capsys.readouterr().out
    assert "indicator 6 has two values" in out and "ตัวชี้วัดที่ 6 มีสองค่า" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: {name: x}\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2


def test_invalid_input_prints_two_lines_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: abc\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("ข้อผิดพลาด:") and any(l.startswith("error:") for l in lines)
    assert str(bad) in proc.stderr and "fiscal_year" in proc.stderr


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: abc\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "--debug", "check", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" in proc.stderr


def test_score_json(capsys):
    assert main(["score", str(SEED003), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tools"]["IIT"]["computed"] == 96.86 and data["total"]["computed"] == 96.79
    assert data["level"] == {"computed": "ผ่านดีเยี่ยม", "reported": "ผ่านดี", "rule_confidence": "unconfirmed"}
    assert {f["code"] for f in data["findings"]} == {"indicator_conflict", "level_mismatch"}


def test_check_json(capsys):
    assert main(["check", str(SEED003), "--json"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_bad_formats_are_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render", str(SEED003), "--formats", "html,docx"])
    assert exc.value.code == 2


def test_invalid_params_write_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: {name: x}\nfiscal_year: 2569\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(bad), "--out", str(out)]) == 2
    assert not out.exists()


@pytest.mark.slow
def test_render_command(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", str(EXAMPLES / "nongtuayang_2566.yaml"), "--out", str(out), "--formats", "html"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["ita_analysis.html", "ita_analysis.review.html"]
    assert "เทศบาลตำบลหนองตัวอย่าง" in capsys.readouterr().out
