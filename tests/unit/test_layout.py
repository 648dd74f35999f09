"""The house rules that hold for the whole tree: no import cycle in geo/, no module over 400 lines,
geo never imports Streamlit, and Streamlit caches are declared in one place."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400
SKIPPED = {".venv", "data", "static", ".git", "node_modules"}


def python_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if not SKIPPED & set(p.relative_to(root).parts)]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (anywhere in its body: a lazy import is still a dependency)."""
    paths = {module_name(p, root): p for p in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from ..y import z
                    anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from geo import texts` imports the module geo.texts; `from geo.x import f` imports geo.x
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names]
            graph[name] |= {t for t in targets if t in paths and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_geo_has_no_import_cycle():
    graph = import_graph(ROOT, "geo")
    assert "geo.maps.prepare" in graph and "geo.territories" in graph["geo.maps.prepare"]  # the graph is real
    assert cycles(graph) == []


def test_the_cycle_finder_sees_a_cycle_through_a_package(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def f():\n    from pkg import c\n")
    (pkg / "c.py").write_text("from . import a\n")
    (pkg / "d.py").write_text("import pkg.a\n")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in python_files(ROOT)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_geo_never_imports_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "geo").rglob("*.py")
                 if imported_modules(p) & {"streamlit", "streamlit_folium"}]
    assert offenders == []


# The one module that may declare a Streamlit cache: caching.py holds the rule (one cache per data version).
CACHE_DECLARERS = {"caching.py"}


def declares_cache(path: Path) -> bool:
    """Whether the module names st.cache_data or st.cache_resource (geo caches shipped files with lru_cache)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {"cache_data", "cache_resource"}:
            return True
    return False


def test_streamlit_caches_are_declared_in_one_place():
    declared = {str(p.relative_to(ROOT)) for p in python_files(ROOT)
                if "tests" not in p.relative_to(ROOT).parts and declares_cache(p)}
    assert declared <= CACHE_DECLARERS, declared - CACHE_DECLARERS
    assert "caching.py" in declared
