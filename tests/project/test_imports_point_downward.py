"""Imports point only downward (docs/architecture.md, "The dependency rule").

Apps stand in layers; a module may import its own app and the layers below it, never one
beside or above. Below the top layer, no app reaches into another app's pages, commands or
admin, nor into the internals of its importer or exporter: what two apps share goes down to
``tabular`` (or ``accounts``). The test reads every module's imports (the module level and
inside functions) with ``ast``, so an import that breaks the rule fails here, naming it.
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "plantrack"

# Bottom first. Each app may use the layers before its own.
LAYERS = (
    ("tabular", "formats", "loading"),
    ("geo",),
    ("accounts",),
    ("plans",),
    ("observations", "extraction"),
    ("progress", "workplan", "investment"),
    ("reports",),
    ("api", "web", "demo", "operations"),
)
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
TOP = len(LAYERS) - 1
# What no app below the top may import from another app: its pages, commands and admin,
# and its importer's and exporter's internals.
PRIVATE = {
    "views",
    "urls",
    "admin",
    "management",
    "templatetags",
    "importing",
    "imports",
    "validation",
    "export",
    "excel_template",
    "forms",
}
PRIVATE_SUFFIXES = ("_views", "_urls", "_forms")


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def _violations(source: Path = SOURCE) -> list[str]:
    found = []
    for path in sorted(source.rglob("*.py")):
        parts = path.relative_to(source).parts
        app = parts[0] if len(parts) > 1 else None
        if app is None or "migrations" in path.parts:
            continue
        assert app in LAYER_OF, f"{app}/ is in no layer: add it to LAYERS and the docs"
        for line, module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "plantrack" or len(parts) < 2:
                continue
            target = parts[1]
            if target == app or target not in LAYER_OF:
                continue  # its own app, or a module beside the apps (settings, urls)
            where = f"{path.relative_to(source)}:{line} imports {module}"
            if LAYER_OF[target] >= LAYER_OF[app]:
                found.append(f"{where} ({target} is not below {app})")
                continue
            if LAYER_OF[app] == TOP:
                continue
            modules = parts[2:3] or names  # "from plantrack.x import views" names the module
            for name in modules:
                if name in PRIVATE or name.endswith(PRIVATE_SUFFIXES):
                    found.append(f"{where} ({name} is {target}'s own)")
    return found


def test_every_import_points_downward():
    assert _violations() == []


def test_the_rule_catches_an_upward_import(tmp_path):
    package = tmp_path / "plantrack"
    (package / "tabular").mkdir(parents=True)
    (package / "geo").mkdir()
    (package / "tabular" / "bad.py").write_text("from plantrack.geo.models import AdminUnit\n")
    (package / "geo" / "sideways.py").write_text(
        "def f():\n    from plantrack.tabular import views\n"
    )

    assert _violations(package) == [
        "geo/sideways.py:2 imports plantrack.tabular (views is tabular's own)",
        "tabular/bad.py:1 imports plantrack.geo.models (geo is not below tabular)",
    ]
