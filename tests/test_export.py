"""Content export and import round-trip: load an export into an empty
database and every public page is the same, byte for byte (after the
per-response nonces and tokens)."""

import re

import pytest
from django.core.cache import cache, caches
from django.core.management import CommandError, call_command

from base.content_export import content_models
from base.models import SeedRecord
from base.seeding import seed
from conditions.models import Condition

from .test_pages import crawl

# What may differ between two renderings of the same content: per-response
# nonces and CSRF tokens, and the database ids a form's <select> sends
# (the options' labels, which patients see, must still match).
# The call-back form's one-per-form submission key is per response too.
PER_RESPONSE = re.compile(
    r'(nonce|csrfmiddlewaretoken" value|submission" value|<option value)="[^"]*"'
)
# The minute a location's "open now" was worked out: the crawl takes a while,
# and the clock may pass a minute between the two renderings.
AS_OF = re.compile(r"\(as of [^)]*\)")


def rendered_site(client):
    return {
        url: AS_OF.sub(
            "(as of ...)", PER_RESPONSE.sub(r'\1=""', response.content.decode())
        )
        for url, response in crawl(client).items()
    }


def flush():
    """An empty database and empty caches, as a new host starts with (flush
    fires no signals and leaves caches alone, so they are cleared too: the
    page cache may be files beside the database)."""
    call_command("flush", "--noinput", verbosity=0)
    for backend in caches.all():
        backend.clear()


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_gives_the_same_site(
    client, tmp_path
):
    seed()
    # staff edits and a deletion, so the export is more than the fixtures
    condition = Condition.objects.get(slug="neck-pain")
    condition.definition = "Edited by staff: “quotes”, ü, and <angle> brackets."
    condition.save()
    # and a list staff put in their own order (the import keeps it)
    for position, link in enumerate(reversed(condition.root_cause_links.all())):
        link.position = position
        link.save()
    Condition.objects.filter(slug="whiplash").delete()
    renamed = Condition.objects.get(slug="sciatica")
    renamed.slug = "sciatica-leg-pain"
    renamed.save()  # the old address now redirects
    assert client.get("/conditions/sciatica/").status_code == 301
    before = rendered_site(client)
    assert len(before) > 40

    export = tmp_path / "content.json"
    call_command("export_content", str(export), verbosity=0)

    flush()
    assert not any(model._default_manager.exists() for model in content_models())
    assert client.get("/conditions/neck-pain/").status_code == 404

    cache.set("rate-limit-count", 3)  # not a page: the import leaves it
    call_command("import_content", str(export), verbosity=0)
    assert cache.get("rate-limit-count") == 3
    after = rendered_site(client)
    assert after.keys() == before.keys()
    for url in before:
        assert after[url] == before[url], url

    # the old address of the renamed page still leads to it
    response = client.get("/conditions/sciatica/")
    assert response.status_code == 301
    assert response["Location"] == "/conditions/sciatica-leg-pain/"
    # the seed ledger came along: the deleted page stays deleted
    assert SeedRecord.objects.exists()
    seed()
    assert not Condition.objects.filter(slug="whiplash").exists()
    assert "Edited by staff" in client.get("/conditions/neck-pain/").content.decode()


@pytest.mark.django_db
def test_import_refuses_a_database_that_already_has_content(tmp_path):
    export = tmp_path / "content.json"
    call_command("export_content", str(export), verbosity=0)
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(export), verbosity=0)
