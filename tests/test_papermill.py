"""The notebooks as papermill users run them: -f/-y/-p with the params keys, --help-notebook, strict names."""
from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import papermill
import pytest
import yaml
from papermill.inspection import inspect_notebook
from papermill.iorw import read_yaml_file  # what `papermill -f` reads a file with

from tests.support import EXAMPLES, ROOT, SEED003, example_files
from toolkit.documents import registry
from toolkit.documents.base import NOTEBOOK_SOURCE, notebook_params, parameter_names
from toolkit.engine import INPROCESS_ENGINE_NAME  # importing it registers the engines (as the entry points do)

DOCUMENTS = registry.keys()


def notebook(key: str):
    return registry.get(key).notebook_path


def shown(nb) -> str:
    """Everything the executed notebook displays, as one text (tags and word-break hints left out)."""
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("key", DOCUMENTS)
def test_parameters_are_typed_and_documented(key):
    params = inspect_notebook(str(notebook(key)))
    assert set(parameter_names(key)) | {"params_file", "params_data"} == set(params)
    for name, p in params.items():
        assert p["inferred_type_name"].startswith("Optional["), name
        assert p["help"] and len(p["help"]) > 8, name


def test_help_notebook_lists_them():
    out = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(notebook("ita_analysis"))],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "fiscal_year: Optional[int] (default None)" in out and "Unknown type" not in out
    assert "Buddhist Era" in out and "assessment: Optional[dict]" in out


def _mixed_keys(value) -> bool:
    if isinstance(value, dict):
        kinds = {type(k) for k in value}
        return len(kinds) > 1 or any(_mixed_keys(v) for v in value.values())
    if isinstance(value, list):
        return any(_mixed_keys(v) for v in value)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_f_renders_that_examples_organisation(path, tmp_path):
    """What `papermill <notebook> out.ipynb -f <example>` does: the file's keys become the parameters."""
    params = registry.load_params(path)
    doc = registry.of(params)
    who = doc.organisation_of(params)["name"] or params.province
    parameters = read_yaml_file(str(path))
    if _mixed_keys(parameters):
        # papermill records the parameters in the notebook's metadata, and nbformat's sorted JSON cannot
        # write a mapping with both number and text keys (the plan's stated_totals: {2566: …, total: …}):
        # papermill itself stops. Such a file goes in as params_file, which is one more way.
        with pytest.raises(TypeError, match="not supported between instances"):
            papermill.execute_notebook(str(doc.notebook_path), str(tmp_path / "f.ipynb"), parameters=parameters,
                                       engine_name=INPROCESS_ENGINE_NAME, cwd=str(path.parent), progress_bar=False)
        parameters = {"params_file": path.name}
    out = papermill.execute_notebook(str(doc.notebook_path), str(tmp_path / "out.ipynb"), parameters=parameters,
                                     engine_name=INPROCESS_ENGINE_NAME, cwd=str(path.parent), progress_bar=False)
    assert who in shown(out)
    for other in example_files() if doc.recognise is None else ():  # a province summary names many
        other_params = registry.load_params(other)
        other_doc = registry.of(other_params)
        name = other_doc.organisation_of(other_params)["name"]
        if other_doc.recognise is None and name and name not in who and who not in name:  # not a province
            assert name not in shown(out), other.name


@pytest.mark.slow
def test_papermill_cli_f_y_and_p(tmp_path):
    """The real papermill command: -f a params file of the analysis; -y and -p override single keys."""
    out = tmp_path / "out.ipynb"
    cmd = [sys.executable, "-m", "papermill", str(notebook("ita_analysis")), str(out), "--no-progress-bar",
           "-f", str(EXAMPLES / "thungtuayang_2569.yaml"), "-y", "style: {thai_digits: true}", "-p", "fiscal_year", "2570"]
    subprocess.run(cmd, check=True, capture_output=True, cwd=tmp_path)
    html = shown(nbformat.read(out, 4))
    assert "ทุ่งตัวอย่าง" in html and "สามเรือน" not in html
    assert "๒๕๗๐" in html  # -p fiscal_year, in the Thai digits -y asked for


def run_with(parameters: dict, tmp_path, key: str = "ita_analysis"):
    return papermill.execute_notebook(str(notebook(key)), str(tmp_path / "out.ipynb"), parameters=parameters,
                                      engine_name=INPROCESS_ENGINE_NAME, progress_bar=False)


@pytest.mark.slow
def test_params_file_stays_one_more_way_and_nothing_renders_the_example(tmp_path):
    assert "ทุ่งตัวอย่าง" in shown(run_with({"params_file": str(EXAMPLES / "thungtuayang_2569.yaml")}, tmp_path))
    assert "สามเรือน" in shown(run_with({}, tmp_path))


def test_unknown_and_conflicting_parameters_are_errors():
    data = yaml.safe_load(SEED003.read_text(encoding="utf-8"))
    namespace = {"organisaton": data["organisation"], "fiscal_year": 2569}
    with pytest.raises(Exception) as err:
        notebook_params(namespace, "ita_analysis")
    assert "organisaton" in err.value.message_en() and "ไม่ใช่พารามิเตอร์" in err.value.message_th()
    with pytest.raises(Exception) as err:
        notebook_params({"params_file": str(SEED003), "fiscal_year": 2570}, "ita_analysis")
    assert "not both" in err.value.message_en() and "ทางเดียว" in err.value.message_th()
    with pytest.raises(Exception) as err:
        notebook_params({"document": "integrity_report", "fiscal_year": 2570}, "ita_analysis")
    assert "ita_analysis documents only" in err.value.message_en()
    # IPython's own names, classes and functions are not parameters
    assert notebook_params({"In": [], "Out": {}, "get_ipython": print, "AnalysisReport": dict,
                            "fiscal_year": 2569}, "ita_analysis") == (NOTEBOOK_SOURCE,
                                                                        {"document": "ita_analysis", "fiscal_year": 2569})


@pytest.mark.slow
def test_an_unknown_parameter_stops_the_notebook_with_the_bilingual_error(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        run_with({"params_file": str(SEED003), "organisaton": "x"}, tmp_path)
    assert "organisaton" in err.value.evalue and "not a parameter" in err.value.evalue


def test_indicator_keys_papermill_turned_into_text_are_read_as_numbers():
    source, data = notebook_params({"organisation": {"name": "องค์การบริหารส่วนตำบลทดสอบ", "district": "เมือง",
                                                     "province": "ราชบุรี"}, "fiscal_year": 2569,
                                    "assessment": {"year": 2568, "indicators": {str(n): 90 for n in range(1, 11)}}},
                                   "ita_analysis")
    assert registry.load_params(source, data).assessment.indicators[10] == 90
