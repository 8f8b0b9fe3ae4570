"""Reads every reference between the project's packages, so tests/test_layers.py
can hold the layers (docs/architecture.md). A reference is any way one package
names another:

- Python: an `import`; a model named by string ("conditions.Condition" in a
  ForeignKey, ManyToManyField or OneToOneField, `apps.get_model("conditions",
  "Condition")`); a dotted path in a string (`import_string`, the registry's
  "articles.views.read_more", "conditions.condition" keys, settings).
- Templates: `{% url 'conditions:list' %}`, `{% include "treatments/..." %}`,
  `{% extends %}`.

A template under templates/<package>/ belongs to that package; the others
are the site-wide pages' (home.html, search.html, the error pages) or the
frame every page extends (base.html, includes/, the admin's), which is base's.
"""

import ast
import re

TOP, SITE_PAGES, BASE = "backfit", "pages", "base"

#: Top-level templates rendered by the site-wide pages; every other template
#: outside a package's folder is the frame (base layer).
SITE_PAGE_TEMPLATES = {
    "home.html",
    "search.html",
    "privacy.html",
    "new_patients.html",
    "urgent_help.html",
    "404.html",
    "500.html",
    "503.html",
}

MODEL_FIELDS = {"ForeignKey", "ManyToManyField", "OneToOneField"}
DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")
TEMPLATE_TAG = re.compile(
    r"{%\s*(url|include|extends)\s+(?P<quote>['\"])(?P<name>[^'\"]+)(?P=quote)"
)


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


def app_labels(root, own):
    """{app label: package}: a package's label is its name unless its
    apps.py says `label = "..."` (base's is "backfit", kept for its tables)."""
    labels = {}
    for package in own:
        apps_py = root / package / "apps.py"
        declared = apps_py.exists() and re.search(
            r'^\s+label = "(\w+)"', apps_py.read_text(), re.M
        )
        labels[declared.group(1) if declared else package] = package
    return labels


def string_target(text, root, own, labels):
    """The package a dotted string names, or None. A module path
    ("backfit.pagecache.x") names its package; an app label ("backfit.
    clinicsettings", "conditions.Condition") names the label's package."""
    if not DOTTED.match(text):
        return None
    first, second = text.split(".")[:2]
    if first in own and (
        (root / first / f"{second}.py").exists() or (root / first / second).is_dir()
    ):
        return first
    return labels.get(first)


def python_references(path, root, own, labels):
    """[(target package, what)] for one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append(((node.module or "").split(".")[0], "import"))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name == "get_model" and args and isinstance(args[0], str):
                label = args[0].split(".")[0]
                found.append((labels.get(label), f"get_model({args[0]!r})"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            target = string_target(node.value, root, own, labels)
            if target:
                found.append((target, f"string {node.value!r}"))
    return [(target, what) for target, what in found if target in own]


def template_owner(path, templates, own):
    relative = path.relative_to(templates)
    if len(relative.parts) > 1 and relative.parts[0] in own:
        return relative.parts[0]
    if relative.as_posix() in SITE_PAGE_TEMPLATES:
        return SITE_PAGES
    return BASE


def template_references(path, templates, own, url_owner):
    """[(target package, what)] for one template."""
    found = []
    for match in TEMPLATE_TAG.finditer(path.read_text(encoding="utf-8")):
        tag, name = match.group(1), match.group("name")
        if tag == "url":
            found.append((url_owner(name), f"{{% url '{name}' %}}"))
        else:
            owner = template_owner(templates / name, templates, own)
            found.append((owner, f'{{% {tag} "{name}" %}}'))
    return [(target, what) for target, what in found if target in own]


def namespace_owner(name):
    """The package a URL name belongs to, read from its namespace
    ("conditions:list" -> conditions); used where no URLconf is loaded."""
    return name.split(":")[0] if ":" in name else SITE_PAGES


def references(root, url_owner=namespace_owner):
    """{(from package, to package): an example "where: what"}."""
    own = packages(root)
    labels = app_labels(root, own)
    found = {}

    def note(source, target, where, what):
        if target != source:
            found.setdefault((source, target), f"{where}: {what}")

    for package in own:
        for path in sorted((root / package).rglob("*.py")):
            for target, what in python_references(path, root, own, labels):
                note(package, target, path.relative_to(root), what)
    templates = root / "templates"
    if templates.is_dir():
        for path in sorted(templates.rglob("*.html")):
            source = template_owner(path, templates, own)
            for target, what in template_references(path, templates, own, url_owner):
                note(source, target, path.relative_to(root), what)
    return found


def problems(root, url_owner=namespace_owner):
    """Every reference that points up a layer, every site-wide page or frame
    template that names a content app (they read the registry instead), and
    every pair of packages that depend on each other."""
    own = packages(root)
    edges = references(root, url_owner)
    upward = [
        f"{where} ({source} -> {target}, a layer above it)"
        for (source, target), where in sorted(edges.items())
        if layer(target) < layer(source)
    ]
    named = [
        f"{where} ({source} names the content app {target}; use the registry)"
        for (source, target), where in sorted(edges.items())
        if layer(source) == 1 and layer(target) == 2 and where.startswith("templates")
    ]
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
    return upward + named + cycles


def content_arrows(root, url_owner=namespace_owner):
    """The arrows between content apps, as docs/architecture.md lists them:
    ["articles -> conditions", ...]."""
    return sorted(
        f"{source} -> {target}"
        for source, target in references(root, url_owner)
        if layer(source) == 2 and layer(target) == 2
    )
