"""The example notebook runs from top to bottom (so it can never rot)."""

import pathlib

import pytest

WHY = "the notebook run needs the test extra's Jupyter and plotting packages"
nbformat = pytest.importorskip("nbformat", reason=WHY)
nbclient = pytest.importorskip("nbclient", reason=WHY)
pytest.importorskip("ipykernel", reason=WHY)
pytest.importorskip("pyarrow", reason=WHY)
pytest.importorskip("polars", reason=WHY)
pytest.importorskip("matplotlib", reason=WHY)

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "examples" / "dataframes.ipynb"


def test_the_dataframes_notebook_runs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [cell.get("outputs", []) for cell in notebook.cells if cell.cell_type == "code"]
    record_output = outputs[1][0]
    assert "text/html" in record_output["data"]  # Record._repr_html_
    assert '<table class="mrrc-record">' in record_output["data"]["text/html"]
    assert any("image/png" in out.get("data", {}) for cell in outputs for out in cell)  # the histogram
    errors = [out for cell in outputs for out in cell if out.get("output_type") == "error"]
    assert not errors
