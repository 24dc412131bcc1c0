# pymarc's name for mrrc, for running pymarc's own test suite unmodified
# (scripts/pymarc_suite.sh): `import pymarc` and its submodules give mrrc's.
import importlib
import sys

import mrrc

for _name in ("record", "field", "leader", "reader", "writer", "exceptions", "constants", "marc8", "marcxml",
              "marcjson"):
    sys.modules[f"pymarc.{_name}"] = importlib.import_module(f"mrrc.{_name}")
sys.modules["pymarc"] = mrrc
