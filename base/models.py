"""The shared base: the shape every page of content shares, pictures, the
clinic's own settings (its name and the one appointment phone number), and
the seed ledger."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import images

# The clinic's own settings, a model of this app in a module of its own.
from .clinic import PRIVACY_CLINIC_TEXT, PRIVACY_TEXT, ClinicSettings  # noqa: F401
from .redirects import record_move
from .translated import lines


def page_url(url_name, slug):
    """reverse(url_name, args=[slug]), remembered: a page links tens of
    others, and each reverse() walks the URL patterns again. Not content:
    the same arguments (the language too, for a language prefix) give the
    same URL for the life of the process, so it needs no invalidation."""
    return _page_url(
        settings.ROOT_URLCONF,
        get_urlconf(),
        get_script_prefix(),
        get_language(),
        url_name,
        slug,
    )


@functools.lru_cache(maxsize=4096)
def _page_url(root_urlconf, urlconf, prefix, language, url_name, slug):
    return reverse(url_name, args=[slug], urlconf=urlconf)


# Every change to content is kept with who made it and when (django-simple-
# history); `updated` changes on every save, and `changed` is set by the
# admin after a save, so both are left out of the diffs.
HISTORY_EXCLUDED = ["updated", "changed"]


def content_history(**kwargs):
    return HistoricalRecords(excluded_fields=HISTORY_EXCLUDED, **kwargs)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft (hidden from the public)"
    PUBLISHED = "published", "Published (live on the site)"


class ContentQuerySet(models.QuerySet):
    def published(self):
        """The one door to public content: every public view starts here."""
        return self.filter(status=Status.PUBLISHED)

    def with_published(self, *relations, select_related=()):
        """Prefetch each named relation, its published records only: a
        published page never links to a draft, and a page costs the same few
        queries however many records it links."""
        return self.prefetch_related(
            *(
                published_prefetch(self.model, name, select_related)
                for name in relations
            )
        )


def published_prefetch(model, relation, select_related=()):
    """A Prefetch of `model`'s `relation` holding published records only."""
    field = model._meta.get_field(relation)
    queryset = field.related_model.objects.published().select_related(*select_related)
    through = getattr(field.remote_field, "through", None)
    if (
        field.many_to_many
        and not field.auto_created
        and "position" in {f.name for f in through._meta.fields}
    ):
        # A list in the order staff give it (the through model's position):
        # the same join the prefetch filters on, so one row per link.
        link = through._meta.get_field(field.m2m_reverse_field_name())
        queryset = queryset.order_by(
            f"{link.related_query_name()}__position",
            f"{link.related_query_name()}__id",
        )
    return Prefetch(relation, queryset=queryset)


class ContentManager(models.Manager.from_queryset(ContentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Content(models.Model):
    """A page of content staff can draft, publish and review.

    A subclass names the URL of its page in `url_name` (a detail URL taking
    the slug): every content page gets its address from that one place."""

    url_name = None

    name = models.CharField(
        max_length=120, help_text="The title patients see at the top of the page."
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the page's web address. Filled in from the name; "
        "lower-case letters, numbers and hyphens only. If you change it, the old "
        "address keeps working and forwards visitors to the new one.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are hidden from the public (use Preview to see them); "
        "published pages are live on the next page load.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When a clinician last checked this page was accurate. Pages "
        "not reviewed for 12 months are listed under 'Reviewed' in the list's "
        "filters.",
    )
    reviewed_by = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who checked it, as patients should read it: a role (e.g. "
        "'a BackFit chiropractor') or a name. With the date above, the page "
        "shows 'Reviewed by ... on ...'; leave empty to show nothing.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # "Last updated" on the page: when staff last changed what patients read
    # (set by the admin, base.admin.content). Empty on a fresh install: the
    # seed step is not an update, nor is a review or a publish.
    changed = models.DateTimeField(
        _("last changed by staff"), null=True, blank=True, editable=False
    )

    objects = ContentManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_slug = None
        if self.pk is not None:
            old_slug = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("slug", flat=True)
                .first()
            )
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            record_move(self.url_for_slug(old_slug), self.get_absolute_url())

    def get_absolute_url(self):
        return page_url(self.url_name, self.slug)

    def clean(self):
        super().clean()
        if self.reviewed_by.strip() and not self.last_reviewed:
            raise ValidationError(
                {"last_reviewed": "Add the date of the review, or clear 'reviewed by'."}
            )

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def url_for_slug(self, slug):
        current, self.slug = self.slug, slug
        try:
            return self.get_absolute_url()
        finally:
            self.slug = current


def picture_fields(name, upload_to, help_text, alt_label, alt_help, size_prefix=None):
    """The four fields of one picture, for a model with PictureMixin:
    `name` (the upload), its pixel width and height (kept by Django), and its
    description. Use as `image, image_width, image_height, image_alt =
    picture_fields("image", ...)`."""
    size_prefix = size_prefix or name
    return (
        models.ImageField(
            upload_to=upload_to,
            blank=True,
            width_field=f"{size_prefix}_width",
            height_field=f"{size_prefix}_height",
            validators=[images.validate_image_upload],
            help_text=help_text,
        ),
        models.PositiveIntegerField(null=True, blank=True, editable=False),
        models.PositiveIntegerField(null=True, blank=True, editable=False),
        models.CharField(alt_label, max_length=250, blank=True, help_text=alt_help),
    )


class PictureMixin:
    """A model with one uploaded picture and its description (alt text).

    The model names its fields: `picture_field` (an ImageField with
    width_field and height_field) and `picture_alt_field`. On save the
    upload is checked, turned upright and stripped of metadata, and its
    WebP copies are made (base/images.py)."""

    picture_field = "image"
    picture_alt_field = "image_alt"

    def save(self, *args, **kwargs):
        fresh = images.process_upload(self, self.picture_field)
        super().save(*args, **kwargs)
        fieldfile = getattr(self, self.picture_field)
        try:
            images.make_renditions(fieldfile, fresh=fresh)
        except Exception:
            # A fresh upload whose copies cannot be made is not left in
            # media (public, and referenced by no saved record once the
            # admin's transaction rolls back).
            if fresh:
                images.delete_picture(fieldfile)
            raise

    def clean(self):
        super().clean()
        alt = getattr(self, self.picture_alt_field)
        if getattr(self, self.picture_field) and not alt.strip():
            raise ValidationError(
                {
                    self.picture_alt_field: "Describe the picture for people who "
                    "cannot see it."
                }
            )

    @property
    def picture(self):
        """The picture with its srcset, or None."""
        field = self._meta.get_field(self.picture_field)
        return images.picture(
            getattr(self, self.picture_field),
            getattr(self, self.picture_alt_field),
            getattr(self, field.width_field),
            getattr(self, field.height_field),
        )

    @property
    def picture_url(self):
        fieldfile = getattr(self, self.picture_field)
        return fieldfile.url if fieldfile else None


class SectionManager(models.Manager):
    def get_by_natural_key(self, page_slug, slug):
        return self.get(**{f"{self.model.page_field}__slug": page_slug, "slug": slug})


class Section(models.Model):
    """A question-style section of a page ("What are ...?", "How is a
    session given?"), in order, edited inline on the page: one mechanism for
    every kind of page that has them (conditions, treatments).

    A subclass adds the foreign key to its page, names it in `page_field`,
    and offers the lists a section may show in the middle of its text as the
    choices of `list_kind` (the page's view fills them in, see
    base.views.sections_with_lists)."""

    page_field = None

    heading = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, help_text="Anchor for links straight to this section."
    )
    position = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(
        help_text="Leave a blank line between paragraphs.",
    )
    bullets = models.TextField(
        "bullet points",
        blank=True,
        help_text="Optional: one point per line, shown as a bulleted list after "
        "the text above.",
    )
    list_intro = models.CharField(
        max_length=250, blank=True, help_text="The sentence that leads into the list."
    )
    body_after = models.TextField(
        "text after the list",
        blank=True,
        help_text="Leave a blank line between paragraphs.",
    )

    objects = SectionManager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#{self.slug}"

    @property
    def page(self):
        return getattr(self, self.page_field)

    def natural_key(self):
        return (*self.page.natural_key(), self.slug)

    @property
    def bullet_points(self):
        return lines(self.bullets)

    @property
    def texts(self):
        """The section's words, for site search and word counts."""
        return [self.heading, self.body, *self.bullet_points, self.body_after]


class SeedRecord(models.Model):
    """A ledger of fixture records the seed step has created or adopted.

    Once a key is here the seed step never touches that record again, so a
    staff edit stays edited and a staff deletion stays deleted.
    """

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=400)
    seeded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model", "key"]
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_seed_key")
        ]

    def __str__(self):
        return f"{self.model} {self.key}"


class TranslationReview(models.Model):
    """Where a page's translation stands (base/translation_review.py): the
    English it was written or last reviewed against (a digest of its text),
    and whether the clinic has reviewed it. Keyed like the seed ledger, by
    model and natural key, so it survives an export and import."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=400)
    language = models.CharField(max_length=8)
    english_digest = models.CharField(max_length=64)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["model", "key", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key", "language"], name="unique_translation_review"
            )
        ]

    def __str__(self):
        return f"{self.model} {self.key} ({self.language})"


class ContentVersion(models.Model):
    """The site's content version: one row, written in the same transaction
    as every content change (base/memory.py). The database, not a cache, is
    its authority, so a cache that loses or replays state cannot bring an
    old version back."""

    version = models.CharField(max_length=32)

    class Meta:
        # Site state, not content: never exported.
        default_permissions = ()

    def __str__(self):
        return self.version
