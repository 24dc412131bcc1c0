"""Programs written for pymarc, run once with pymarc and once with mrrc standing
in for it (every `pymarc` module name pointing at mrrc's), in fresh processes:
their whole output must be the same, apart from the package name itself."""

import pathlib
import subprocess
import sys

import pytest
from oracle import DATA, answer

SCRIPTS = sorted((pathlib.Path(__file__).parent / "scripts").glob("*.py"))
INPUTS = ["pymarc/test.dat", "marc4j/pride-and-prejudice-with-many-errors.mrc", "traject/george_eliot.marc",
          "yaz/marccol2.u8.marc"]

AS_PYMARC = """
import importlib, runpy, sys
import mrrc
for name in ["", ".constants", ".exceptions", ".field", ".leader", ".marc8", ".marcjson", ".marcxml",
             ".reader", ".record", ".writer"]:
    sys.modules["pymarc" + name] = importlib.import_module("mrrc" + name)
script = sys.argv.pop(1)
sys.argv[0] = script
runpy.run_path(script, run_name="__main__")
"""


def run(script, data, with_mrrc):
    command = [sys.executable, "-c", AS_PYMARC, str(script)] if with_mrrc else [sys.executable, str(script)]
    done = subprocess.run(command + [str(data)], capture_output=True, text=True, timeout=120, cwd=script.parent)
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


@pytest.mark.parametrize("name", INPUTS)
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_script_prints_the_same_under_mrrc(script, name):
    output, errors = run(script, DATA / name, with_mrrc=True)
    assert (output.replace("'mrrc.", "'pymarc."), errors) == answer(lambda: run(script, DATA / name, with_mrrc=False))
