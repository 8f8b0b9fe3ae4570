"""What "the site's content" is, for export and import: every model of the
content apps, by natural key, except per-database history.

The seed ledger goes along with the content: without it, the next
`manage.py seed` on the new database would bring back fixture records staff
had deleted. Patient-submitted data never lives in these apps, so it is
never in an export."""

from graphlib import TopologicalSorter

from django.apps import apps

from . import registry
from .models import ContentVersion


def content_apps():
    """Every content app that exports (base/registry.py), and the old
    addresses of renamed pages, which must keep working."""
    return [*registry.exported_apps(), apps.get_app_config("redirects")]


def content_models():
    for config in content_apps():
        for model in config.get_models():
            if model._meta.model_name.startswith("historical"):
                continue  # edit history stays with the database it happened in
            if model is ContentVersion:
                continue  # each database has its own (base/memory.py)
            yield model


def in_load_order():
    """Content models, each after every model it has a foreign key to, so a
    record's natural key (which may go through its foreign keys) can be
    looked up while loading. Many-to-many links may point forward: loaddata
    sets them once everything is in."""
    models = list(content_models())
    graph = {
        model: {
            field.related_model
            for field in model._meta.fields
            if field.is_relation
            and field.related_model in models
            and field.related_model is not model
        }
        for model in models
    }
    return list(TopologicalSorter(graph).static_order())
