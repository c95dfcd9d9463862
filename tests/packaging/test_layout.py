"""The workspace's shape: five packages, one version, typed, capsule self-contained."""

from __future__ import annotations

import ast
import importlib
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {
    "jackin-sdk": "jackin_sdk",
    "jackin-cli": "jackin_cli",
    "jackin-tui": "jackin_tui",
    "jackin-role": "jackin_role",
    "jackin-capsule": "jackin_capsule",
}


def _project(dist: str) -> dict[str, object]:
    data = tomllib.loads((ROOT / "packages" / dist / "pyproject.toml").read_text())
    project = data["project"]
    assert isinstance(project, dict)
    return project


def test_workspace_members_are_exactly_the_five_packages() -> None:
    members = sorted(p.name for p in (ROOT / "packages").iterdir() if p.is_dir())
    assert members == sorted(PACKAGES)


@pytest.mark.parametrize(("dist", "module"), PACKAGES.items())
def test_package_shape(dist: str, module: str) -> None:
    base = ROOT / "packages" / dist
    assert (base / "src" / module / "py.typed").is_file()
    assert (base / "README.md").is_file()
    assert _project(dist)["name"] == dist


def test_one_shared_version() -> None:
    versions = {dist: _project(dist)["version"] for dist in PACKAGES}
    assert len(set(versions.values())) == 1, versions
    sdk = importlib.import_module("jackin_sdk")
    capsule = importlib.import_module("jackin_capsule")
    assert sdk.__version__ == capsule.__version__ == versions["jackin-sdk"]


def test_every_module_and_pin_carries_the_one_version() -> None:
    version = _project("jackin-sdk")["version"]
    for dist, module in PACKAGES.items():
        assert importlib.import_module(module).__version__ == version, module
        for requirement in _project(dist).get("dependencies", []):  # type: ignore[attr-defined]
            if requirement.startswith("jackin-"):
                assert requirement.split("==")[1].split()[0] == version, (dist, requirement)


def test_packages_declare_what_they_use_at_run_time() -> None:
    def jackin_deps(dist: str) -> set[str]:
        deps = _project(dist).get("dependencies", [])
        assert isinstance(deps, list)
        return {d.split("==")[0] for d in deps if d.startswith("jackin-")}

    assert jackin_deps("jackin-sdk") == {"jackin-capsule"}  # its wheels go into images
    # `jackin role …` calls the SDK itself; the console is installed to be exec'd, never
    # imported (see test_no_consumer_imports_another).
    assert jackin_deps("jackin-cli") == {"jackin-sdk", "jackin-tui"}
    assert jackin_deps("jackin-role") == {"jackin-sdk"}  # no console, no CLI
    assert jackin_deps("jackin-tui") == {"jackin-sdk"}
    assert jackin_deps("jackin-capsule") == set()


def test_console_scripts() -> None:
    scripts = {dist: _project(dist).get("scripts", {}) for dist in PACKAGES}
    assert scripts["jackin-cli"] == {"jackin": "jackin_cli.__main__:main"}
    assert scripts["jackin-tui"] == {"jackin-tui": "jackin_tui.__main__:main"}
    assert scripts["jackin-role"] == {"jackin-role": "jackin_role.__main__:main"}
    assert scripts["jackin-capsule"] == {"jackin-capsule": "jackin_capsule.__main__:main"}


def test_capsule_depends_on_pyte_only() -> None:
    deps = _project("jackin-capsule")["dependencies"]
    assert isinstance(deps, list)
    assert [d.split(">")[0].split("=")[0].strip() for d in deps] == ["pyte"]
    for source in (ROOT / "packages/jackin-capsule/src").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in {"pyte", "jackin_capsule"}, (
                    f"{source}: imports {name}"
                )


def test_sdk_never_imports_its_consumers() -> None:
    # The capsule sits below the SDK: the SDK depends on it (its wheels go into images).
    consumers = {"jackin_cli", "jackin_tui", "jackin_role"}
    for source in (ROOT / "packages/jackin-sdk/src").rglob("*.py"):
        text = source.read_text()
        for consumer in consumers:
            assert f"import {consumer}" not in text
            assert f"from {consumer}" not in text


CONSUMERS = {"jackin-cli": "jackin_cli", "jackin-tui": "jackin_tui", "jackin-role": "jackin_role"}


def _imported_modules(source: Path) -> set[str]:
    """Every absolute module `source` imports: statements and `importlib.import_module`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


@pytest.mark.parametrize(("dist", "module"), CONSUMERS.items())
def test_no_consumer_imports_another(dist: str, module: str) -> None:
    """The CLI, the console and the role tool each parse, call the SDK and render; none
    reaches into another (the capsule sits below the SDK and is no consumer)."""
    others = set(CONSUMERS.values()) - {module}
    sources = sorted((ROOT / "packages" / dist / "src").rglob("*.py"))
    assert sources
    for source in sources:
        for name in _imported_modules(source):
            assert name.split(".")[0] not in others, f"{source}: imports {name}"


@pytest.mark.parametrize(("dist", "module"), CONSUMERS.items())
def test_consumers_use_only_the_sdks_public_subpackages(dist: str, module: str) -> None:
    """A consumer imports `jackin_sdk.<pkg>`, never `jackin_sdk.<pkg>._private`; only the
    SDK's own top-level helpers (`jackin_sdk._env`, `_version`, …) serve the fast paths."""
    for source in sorted((ROOT / "packages" / dist / "src").rglob("*.py")):
        for name in _imported_modules(source):
            parts = name.split(".")
            if parts[0] != "jackin_sdk" or len(parts) < 3:
                continue
            private = [part for part in parts[2:] if part.startswith("_")]
            assert not private, f"{source}: imports the private module {name}"


def test_public_sdk_modules_declare_all() -> None:
    for init in (ROOT / "packages/jackin-sdk/src/jackin_sdk").rglob("__init__.py"):
        module = ".".join(init.parent.relative_to(ROOT / "packages/jackin-sdk/src").parts)
        loaded = importlib.import_module(module)
        exported = getattr(loaded, "__all__", None)
        assert exported, f"{module} has no __all__"
        for name in exported:
            assert hasattr(loaded, name), f"{module}.__all__ names missing {name}"


SDK_SRC = ROOT / "packages/jackin-sdk/src"
#: Subpackages that may sit in no import cycle at all: the operator config, roles and
#: auth once formed one (config ↔ roles ↔ auth, broken by function-level imports). Their
#: shared words live in `vocab`, below all three.
ACYCLIC = {"config", "roles", "auth"}


def _sdk_part(module: str) -> str | None:
    """The SDK subpackage (or top-level module) `module` belongs to; None outside."""
    parts = module.split(".")
    if parts[0] != "jackin_sdk":
        return None
    return parts[1] if len(parts) > 1 else "jackin_sdk"


def _sdk_import_graph() -> dict[str, dict[str, set[str]]]:
    """`part → imported part → the files` over every import of `jackin_sdk.*` in the SDK:
    module level, inside functions, under TYPE_CHECKING, `import_module`, and the module
    names of the lazy `_EXPORTS` tables (which `__getattr__` imports)."""
    graph: dict[str, dict[str, set[str]]] = {}
    for source in sorted((SDK_SRC / "jackin_sdk").rglob("*.py")):
        module = ".".join(source.relative_to(SDK_SRC).with_suffix("").parts)
        here = _sdk_part(module.removesuffix(".__init__"))
        assert here is not None
        names = set(_imported_modules(source))
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level:
                pytest.fail(f"{source}: relative import")
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Dict)
                and any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in node.targets)
            ):
                names |= {
                    v.value
                    for v in node.value.values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                }
        for name in names:
            there = _sdk_part(name)
            if there is not None and there != here:
                graph.setdefault(here, {}).setdefault(there, set()).add(source.name)
    return graph


def _cycles(graph: dict[str, dict[str, set[str]]]) -> list[set[str]]:
    """The strongly connected components with more than one part (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for succ in graph.get(node, {}):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_sdk_import_graph_has_no_cycle() -> None:
    """No two SDK subpackages import each other, directly or round a longer loop, at any
    level (module, function, TYPE_CHECKING, lazy export): what two share sits below both
    (`vocab`; `keepawake` for launch and lifecycle)."""
    graph = _sdk_import_graph()
    assert graph["config"].keys() >= {"vocab", "tables"}  # the graph sees imports at all
    assert "launch" in graph["lifecycle"]  # …function-level ones too (hardline relaunches)
    bad = _cycles(graph)
    details = [
        f"{a} → {b} ({', '.join(sorted(graph[a][b]))})"
        for component in bad
        for a in sorted(component)
        for b in sorted(graph.get(a, {}))
        if b in component
    ]
    assert not bad, "import cycles:\n" + "\n".join(details)


def _private_reaches(src: Path) -> list[str]:
    """Every import, in the SDK under `src`, of another subpackage's `_private` module or
    `_private` name (statements at any level, `import_module`, lazy `_EXPORTS` targets).
    The top-level `jackin_sdk._*` helpers are the SDK's own and may be used anywhere."""
    subpackages = {p.name for p in (src / "jackin_sdk").iterdir() if (p / "__init__.py").is_file()}
    found: list[str] = []
    for source in sorted((src / "jackin_sdk").rglob("*.py")):
        module = ".".join(source.relative_to(src).with_suffix("").parts)
        here = _sdk_part(module.removesuffix(".__init__"))
        tree = ast.parse(source.read_text())
        names = {(name, 0) for name in _imported_modules(source)}  # 0: `import_module`
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {(a.name, node.lineno) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names |= {(node.module, node.lineno)}
                names |= {(f"{node.module}.{a.name}", node.lineno) for a in node.names}
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Dict)
                and any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in node.targets)
            ):
                names |= {
                    (v.value, v.lineno)
                    for v in node.value.values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                }
        for name, line in sorted(names):
            if line == 0 and any(n == name and at for n, at in names):
                continue  # a statement, found with its line
            parts = name.split(".")
            if parts[0] != "jackin_sdk" or len(parts) < 3 or parts[1] not in subpackages:
                continue
            private = [i for i, p in enumerate(parts) if i > 1 and _is_private(p)]
            if parts[1] != here and private:
                reach = f"{source.relative_to(src)}:{line}: {'.'.join(parts[: private[0] + 1])}"
                if reach not in found:
                    found.append(reach)
    return found


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_module_is_imported_across_subpackages() -> None:
    """A subpackage is used through its `__init__` (its `__all__`); its `_private` modules
    are its own."""
    reaches = _private_reaches(SDK_SRC)
    assert not reaches, "imports of another subpackage's privates:\n" + "\n".join(reaches)


def test_the_shared_vocabulary_sits_below_config_roles_and_auth() -> None:
    graph = _sdk_import_graph()
    assert set(graph.get("vocab", {})) <= {"errors"}
    assert set(graph.get("tables", {})) == set()
    for part in ACYCLIC:
        assert "vocab" in graph[part], part


def test_sdk_tests_mirror_the_sdks_subpackages() -> None:
    """`tests/sdk/<x>/` tests `jackin_sdk.<x>`; a subfolder names a module of it (an area,
    `roles/validate/` for `roles/_validate.py`) or holds fixtures. Only `fuzz/` spans
    subpackages; no test file sits loose at the top."""
    tests, sdk = ROOT / "tests" / "sdk", SDK_SRC / "jackin_sdk"
    wrong: list[str] = []
    for folder in sorted(p for p in tests.rglob("*") if p.is_dir()):
        parts = folder.relative_to(tests).parts
        if "__pycache__" in parts or "fixtures" in parts or not any(folder.glob("*.*")):
            continue  # support data, or a folder left with only bytecode after a move
        code = sdk.joinpath(*parts)
        names = {code.with_name(f"_{parts[-1]}.py"), code.with_suffix(".py"), code / "__init__.py"}
        if parts != ("fuzz",) and not (
            (sdk / parts[0] / "__init__.py").is_file() and any(n.is_file() for n in names)
        ):
            wrong.append(f"{folder.relative_to(ROOT)}/ names no part of jackin_sdk")
        if not (folder / "__init__.py").is_file():
            wrong.append(f"{folder.relative_to(ROOT)}/ lacks __init__.py")
    loose = {p.name for p in tests.glob("*.py")} - {"__init__.py", "conftest.py"}
    wrong += [f"tests/sdk/{name} is loose: move it to its subpackage's folder" for name in loose]
    assert not wrong, "\n".join(sorted(wrong))
