"""The code's layers point one way (docs/architecture.md):

    backfit/  the project package: settings, root URLs, WSGI, page cache,
              middleware, logs, checks
    pages/    the site-wide pages: home, search, sitemap, preview, errors
    conditions/, locations/, treatments/, appointments/ ...: the content apps
    base/     the shared base: content model, admin bases, views, pictures

A package may reference the ones below it, never one above it, and no two
packages may depend on each other, directly or through a third. The site-wide
pages and the frame templates name no content app: they read the registry.
tests/layering.py reads every reference (imports, models and dotted paths by
string, template URLs, includes and extends), so the structure cannot drift
back; docs/architecture.md lists the arrows the code has."""

import ast
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from .layering import BASE, SITE_PAGES, TOP, content_arrows, layer, packages
from .layering import problems as layering_problems
from .layering import references as layering_references

ROOT = Path(__file__).resolve().parent.parent


def url_owners(patterns=None, namespace=""):
    """{"conditions:list": "conditions", "home": "pages", ...} from the
    project's URLconf: a URL belongs to the package of its view."""
    owners = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            owners.update(url_owners(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            owners[f"{namespace}{pattern.name}"] = view.__module__.split(".")[0]
    return owners


def url_owner(name):
    return url_owners().get(name)


def problems(root):
    return layering_problems(root, url_owner)


def test_layers_only_point_down():
    assert problems(ROOT) == []


def test_every_package_has_its_layer():
    """The four layers are all there, and every content app sits on base."""
    own = packages(ROOT)
    assert {TOP, SITE_PAGES, BASE} <= set(own)
    content_apps = [p for p in own if layer(p) == 2]
    assert {"conditions", "treatments", "locations"} <= set(content_apps)
    edges = layering_references(ROOT, url_owner)
    assert all((app, BASE) in edges for app in content_apps)


def test_the_docs_list_the_arrows_the_code_has():
    """docs/architecture.md's list of arrows between content apps is the
    one the code has: a new model string or URL between two apps shows up
    here until the docs say it."""
    docs = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(r"<!-- arrows -->\n(.*?)<!-- /arrows -->", docs, re.S)
    assert block, "docs/architecture.md has lost its <!-- arrows --> block"
    listed = sorted(
        line.strip("-` ").replace("`", "")
        for line in block.group(1).splitlines()
        if line.startswith("- ")
    )
    assert listed == content_arrows(ROOT, url_owner)


# The guard's own tests: each kind of reference, planted in a tiny tree.


def write(root, path, text):
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)


def tree(root, *names):
    for package in names:
        write(root, f"{package}/__init__.py", "")


def test_an_upward_import_is_caught(tmp_path):
    tree(tmp_path, TOP, SITE_PAGES, "conditions", "treatments", BASE)
    write(tmp_path, "conditions/views.py", "from base.views import X\n")
    assert layering_problems(tmp_path) == []
    write(tmp_path, "base/models.py", "from pages import views\n")
    assert layering_problems(tmp_path) == [
        "base/models.py: import (base -> pages, a layer above it)"
    ]


def test_two_apps_that_depend_on_each_other_are_caught(tmp_path):
    tree(tmp_path, TOP, SITE_PAGES, "conditions", "locations", "treatments", BASE)
    write(tmp_path, "conditions/views.py", "import treatments.models\n")
    write(tmp_path, "treatments/views.py", "from locations.models import L\n")
    assert layering_problems(tmp_path) == []
    write(tmp_path, "locations/views.py", "from conditions import models\n")
    assert layering_problems(tmp_path) == [
        "conditions and locations depend on each other",
        "conditions and treatments depend on each other",
        "locations and treatments depend on each other",
    ]


def test_a_cycle_made_by_a_model_string_is_caught(tmp_path):
    """The review's example: one ForeignKey string and one import."""
    tree(tmp_path, TOP, SITE_PAGES, "conditions", "treatments", BASE)
    write(tmp_path, "conditions/models.py", "import treatments.models\n")
    assert layering_problems(tmp_path) == []
    write(
        tmp_path,
        "treatments/models.py",
        'x = models.ForeignKey("conditions.Condition", on_delete=CASCADE)\n',
    )
    assert layering_problems(tmp_path) == [
        "conditions and treatments depend on each other"
    ]


def test_an_upward_model_string_or_get_model_is_caught(tmp_path):
    tree(tmp_path, TOP, SITE_PAGES, "conditions", BASE)
    write(tmp_path, "base/models.py", 'm = apps.get_model("conditions", "Condition")\n')
    assert layering_problems(tmp_path) == [
        "base/models.py: get_model('conditions') (base -> conditions, a layer above it)"
    ]


def test_a_label_that_differs_from_its_package_is_followed(tmp_path):
    """base's app label is "backfit": "backfit.clinicsettings" is base's
    model, "backfit.pagecache.x" the project package's module."""
    tree(tmp_path, TOP, SITE_PAGES, "conditions", BASE)
    write(tmp_path, "base/apps.py", 'class C:\n    label = "backfit"\n')
    write(tmp_path, "backfit/apps.py", 'class C:\n    label = "project"\n')
    write(tmp_path, "backfit/pagecache.py", "")
    write(tmp_path, "conditions/models.py", 'ForeignKey("backfit.ClinicSettings")\n')
    assert layering_problems(tmp_path) == []
    write(tmp_path, "base/views.py", 'import_string("backfit.pagecache.version")\n')
    assert layering_problems(tmp_path) == [
        "base/views.py: string 'backfit.pagecache.version' "
        "(base -> backfit, a layer above it)"
    ]


def test_a_dotted_path_in_a_string_is_caught(tmp_path):
    """The registry's dotted paths and "app.model" keys are references."""
    tree(tmp_path, TOP, SITE_PAGES, "articles", "conditions", BASE)
    write(tmp_path, "articles/apps.py", 'extras = {"conditions.condition": "x"}\n')
    write(tmp_path, "conditions/apps.py", 'blocks = ["articles.views.read_more"]\n')
    assert layering_problems(tmp_path) == [
        "articles and conditions depend on each other"
    ]


def test_templates_pointing_up_or_naming_a_content_app_are_caught(tmp_path):
    tree(tmp_path, TOP, SITE_PAGES, "conditions", "treatments", BASE)
    write(tmp_path, "templates/treatments/list.html", '{% extends "base.html" %}')
    write(tmp_path, "templates/base.html", "{{ links.conditions }}")
    assert layering_problems(tmp_path) == []
    write(tmp_path, "templates/includes/nav.html", "{% url 'conditions:list' %}")
    write(tmp_path, "templates/search.html", '{% include "treatments/card.html" %}')
    assert layering_problems(tmp_path) == [
        "templates/includes/nav.html: {% url 'conditions:list' %} "
        "(base -> conditions, a layer above it)",
        'templates/search.html: {% include "treatments/card.html" %} '
        "(pages names the content app treatments; use the registry)",
    ]
    write(tmp_path, "templates/includes/nav.html", "")
    write(tmp_path, "templates/search.html", "")
    write(tmp_path, "templates/conditions/a.html", "{% url 'treatments:list' %}")
    write(tmp_path, "templates/treatments/b.html", '{% include "conditions/c.html" %}')
    assert layering_problems(tmp_path) == [
        "conditions and treatments depend on each other"
    ]


def test_data_migrations_carry_their_own_helpers():
    """A migration that moves data runs the code it shipped with: it imports
    nothing from the project's packages, whose code changes with later
    releases (schema migrations may name a field's validator, as Django
    writes them)."""
    own = set(packages(ROOT))
    found = []
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if "RunPython" not in ast.unparse(tree):
            continue
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            found += [
                f"{path.relative_to(ROOT)} imports {name}"
                for name in names
                if name.split(".")[0] in own
            ]
    assert found == []
