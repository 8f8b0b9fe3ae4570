"""The code's layers point one way (docs/architecture.md):

    backfit/  the project package: settings, root URLs, WSGI, page cache,
              middleware, logs, checks
    pages/    the site-wide pages: home, search, sitemap, preview, errors
    conditions/, locations/, treatments/, appointments/ ...: the content apps
    base/     the shared base: content model, admin bases, views, pictures

A package may import the ones below it, never one above it, and no two
packages may depend on each other, directly or through a third. These tests
read the imports of every module, so the structure cannot drift back."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP, SITE_PAGES, BASE = "backfit", "pages", "base"


def packages(root):
    """The project's own top-level Python packages (not the tests)."""
    return sorted(
        path.name
        for path in root.iterdir()
        if (path / "__init__.py").exists() and path.name != "tests"
    )


def layer(package):
    """0 for the top; every package not named is a content app."""
    return {TOP: 0, SITE_PAGES: 1, BASE: 3}.get(package, 2)


def imports(root, own):
    """{(importer, imported)} between the packages in `own`, with an example
    module of each import."""
    found = {}
    for package in own:
        for path in (root / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                else:
                    continue  # relative imports stay inside the package
                for name in names:
                    target = name.split(".")[0]
                    if target in own and target != package:
                        found.setdefault((package, target), str(path.relative_to(root)))
    return found


def problems(root):
    own = packages(root)
    edges = imports(root, own)
    upward = [
        f"{where}: {source} imports {target}, a layer above it"
        for (source, target), where in sorted(edges.items())
        if layer(target) < layer(source)
    ]
    # Packages that reach each other, directly or through others.
    graph = {package: {t for s, t in edges if s == package} for package in own}

    def reach(start):
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reachable = {package: reach(package) for package in own}
    cycles = sorted(
        f"{a} and {b} depend on each other"
        for a in own
        for b in reachable[a]
        if a < b and a in reachable[b]
    )
    return upward + cycles


def test_layers_only_point_down():
    assert problems(ROOT) == []


def test_every_package_has_its_layer():
    """The four layers are all there, and every content app sits on base."""
    own = packages(ROOT)
    assert {TOP, SITE_PAGES, BASE} <= set(own)
    content_apps = [p for p in own if layer(p) == 2]
    assert {"conditions", "treatments", "locations"} <= set(content_apps)
    edges = imports(ROOT, own)
    assert all((app, BASE) in edges for app in content_apps)


def write(root, path, text):
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)


def test_an_upward_import_is_caught(tmp_path):
    for package in (TOP, SITE_PAGES, "conditions", "treatments", BASE):
        write(tmp_path, f"{package}/__init__.py", "")
    write(tmp_path, "conditions/views.py", "from base.views import X\n")
    assert problems(tmp_path) == []
    write(tmp_path, "base/models.py", "from pages import views\n")
    assert problems(tmp_path) == [
        "base/models.py: base imports pages, a layer above it"
    ]


def test_two_apps_that_depend_on_each_other_are_caught(tmp_path):
    for package in (TOP, SITE_PAGES, "conditions", "locations", "treatments", BASE):
        write(tmp_path, f"{package}/__init__.py", "")
    write(tmp_path, "conditions/views.py", "import treatments.models\n")
    write(tmp_path, "treatments/views.py", "from locations.models import L\n")
    assert problems(tmp_path) == []
    write(tmp_path, "locations/views.py", "from conditions import models\n")
    assert problems(tmp_path) == [
        "conditions and locations depend on each other",
        "conditions and treatments depend on each other",
        "locations and treatments depend on each other",
    ]
