"""Notebook engines: a kernel kept for many documents, or the worker's own IPython shell."""
import pytest

from tests.support import EXAMPLES, SEED003
from toolkit.documents import registry as documents
from toolkit.documents.registry import load_params
from toolkit.engine import ENGINE_NAME, INPROCESS_ENGINE_NAME, RESET_TAG, Engine

pytestmark = pytest.mark.slow


def parameters(path):
    return {"params_file": str(path), "params_data": load_params(path).model_dump(mode="json", by_alias=True)}


def outputs_html(nb):
    return ["".join(o.get("data", {}).get("text/html", "") for o in c.get("outputs", [])) for c in nb.cells
            if c.cell_type == "code"]


def test_engines_are_registered_with_papermill():
    from papermill.engines import papermill_engines

    assert papermill_engines.get_engine(ENGINE_NAME) and papermill_engines.get_engine(INPROCESS_ENGINE_NAME)


def test_in_process_and_kernel_give_the_same_outputs():
    nb_path = documents.get("ita_analysis").notebook_path
    with Engine(kind="kernel") as kernel:
        by_kernel = kernel.execute(nb_path, parameters(SEED003))
    in_process = Engine(kind="inprocess").execute(nb_path, parameters(SEED003))
    assert outputs_html(by_kernel) == outputs_html(in_process)
    assert any("สามเรือน" in h for h in outputs_html(in_process))


def test_a_reused_kernel_forgets_the_previous_document_but_leaves_no_trace():
    nb_path = documents.get("ita_analysis").notebook_path
    with Engine(kind="kernel") as engine:
        engine.execute(nb_path, parameters(EXAMPLES / "thungtuayang_2569.yaml"))
        second = engine.execute(nb_path, parameters(SEED003))
        assert engine.runs == 2
    assert not [c for c in second.cells if RESET_TAG in c.metadata.get("tags", [])]  # reset cell removed
    assert "ทุ่งตัวอย่าง" not in "".join(outputs_html(second))


def test_a_failing_cell_becomes_a_render_error(tmp_path):
    import nbformat

    from toolkit.kit.errors import RenderError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("params_file = None", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("1/0")],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    for kind in ("inprocess", "kernel"):
        with Engine(kind=kind) as engine:
            with pytest.raises(RenderError) as err:
                engine.execute(path, {"params_file": None})
        assert "ZeroDivisionError" in str(err.value), kind
