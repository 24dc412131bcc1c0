"""The type stubs ship with the package and name what the runtime has: every
public module has a stub beside it; a stub names every public function, class,
constant and method its module defines, and nothing the module lacks
(``python -m mypy.stubtest mrrc``, in the tox lint environment, then checks
the signatures; test_core_bridge.py does the same for mrrc._core's names)."""

import ast
import importlib
import pathlib

import pytest

import mrrc

PACKAGE = pathlib.Path(mrrc.__file__).parent
# Public modules without a stub, and why. Everything else public needs one.
UNSTUBBED = {
    "mrrc.__main__": "runs the command line when imported",
}
STUBS = sorted(PACKAGE.glob("*.pyi"))


def module_name(path):
    return "mrrc" if path.stem == "__init__" else f"mrrc.{path.stem}"


def top_level_names(tree, stub=True):
    """Names a module or stub binds at its top level: {name: class node or
    None}. A stub's imports count only as re-exports (``import X as X``), a
    module's all count."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = None
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        names[name.id] = None
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if not stub or alias.asname == alias.name:
                    names[alias.asname or alias.name] = None
    return names


def class_members(node):
    members = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            members.add(item.target.id)
        elif isinstance(item, ast.Assign):
            members.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return {name for name in members if not name.startswith("_")}


def instance_attributes(node):
    """Attributes a class's methods set on ``self``."""
    return {target.attr for item in ast.walk(node) if isinstance(item, (ast.Assign, ast.AnnAssign))
            for target in (item.targets if isinstance(item, ast.Assign) else [item.target])
            for target in ast.walk(target)
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"}


def defined_here(source_tree):
    """Public names the module's source defines itself (not imports)."""
    names = top_level_names(source_tree, stub=False)
    imported = {alias.asname or alias.name for node in source_tree.body
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    return {name: node for name, node in names.items() if not name.startswith("_") and name not in imported}


def test_every_public_module_has_a_stub():
    public = {f"mrrc.{p.stem}" for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")} | {"mrrc"}
    stubbed = {module_name(p) for p in STUBS}
    assert public - stubbed - set(UNSTUBBED) == set()
    assert (PACKAGE / "py.typed").is_file()


# The compiled module has no source to read names from: test_core_bridge.py
# compares its stub with the runtime instead.
@pytest.mark.parametrize("stub", [p for p in STUBS if module_name(p) != "mrrc._core"], ids=lambda p: p.name)
def test_stub_names_what_the_module_defines(stub):
    name = module_name(stub)
    if name == "mrrc.dask":
        pytest.importorskip("dask", reason="mrrc.dask needs the dask extra")
    module = importlib.import_module(name)
    stub_tree = ast.parse(stub.read_text())
    in_stub = top_level_names(stub_tree)
    source = defined_here(ast.parse(stub.with_suffix(".py").read_text()))
    assert set(source) - set(in_stub) == set(), "defined by the module, missing from its stub"
    public_in_stub = {n for n in in_stub if not n.startswith("_")}
    assert {n for n in public_in_stub if not hasattr(module, n)} == set(), "named by the stub, missing at run time"
    if hasattr(module, "__all__"):
        assert set(module.__all__) <= public_in_stub
    for class_name, node in source.items():
        if node is None or not isinstance(in_stub.get(class_name), ast.ClassDef):
            continue
        runtime_class = getattr(module, class_name)
        stub_members = class_members(in_stub[class_name])
        assert class_members(node) - stub_members == set(), f"{class_name}: members missing from the stub"
        set_on_self = instance_attributes(node)
        assert {m for m in stub_members if not hasattr(runtime_class, m) and m not in set_on_self} == set(), \
            f"{class_name}: the stub names members the class lacks"


def test_the_package_re_exports_what_its_stub_says():
    stub = top_level_names(ast.parse((PACKAGE / "__init__.pyi").read_text()))
    runtime = {n for n in dir(mrrc) if not n.startswith("_") and not isinstance(getattr(mrrc, n), type(ast))}
    assert runtime - set(stub) == set()
    assert "__version__" in stub
