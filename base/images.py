"""Staff-uploaded pictures: checked on upload, cleaned and resized once on save.

- `check_image` refuses anything that is not a real, complete JPEG, PNG or WebP
  picture of a sensible size, with a message a receptionist can act on.
  Decompression bombs (tiny files that unpack to billions of pixels) are
  refused before any pixel is decoded.
- `clean_image` re-encodes an upload without its metadata (EXIF: camera, GPS
  position, date) after turning it the right way up.
- `make_renditions` writes WebP copies at a few widths next to the original,
  once, when the record is saved; pages then offer them with `srcset`, so a
  phone downloads a phone-sized file. Their names follow from the original's
  whole file name (extension included: `hero.png` and `hero.jpg` are two
  pictures with two sets of copies), so nothing extra is stored; a fresh
  upload always has its copies made anew, never one left by an earlier file
  of that name.
"""

import io
import posixpath
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
FORMAT_NAMES = "JPEG, PNG or WebP"
MAX_UPLOAD_MB = getattr(settings, "IMAGE_MAX_UPLOAD_MB", 10)
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any camera photo staff will use
MIN_WIDTH = 320  # smaller than this looks blurred on every screen
RENDITION_WIDTHS = (480, 960, 1440)
WEBP_MAX_SIDE = 16383  # the WebP format's limit on either side
# A banner is about 4 to 1; past 10 to 1 a picture is a strip that no page
# can show, and its phone-sized copies would round to 0 pixels tall.
MAX_ASPECT = 10

# Pillow warns above this many pixels and refuses at twice as many; warnings
# are turned into refusals below, so this is our hard limit.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def check_image(file):
    """Raise ValidationError unless `file` is a complete, sensibly sized JPEG,
    PNG or WebP picture. Leaves the file positioned at its start."""
    limit = getattr(settings, "IMAGE_MAX_UPLOAD_MB", MAX_UPLOAD_MB) * 1024 * 1024
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            f"This file is {_mb(size)}; pictures can be at most {_mb(limit)}. "
            "Export a smaller copy (about 2000 pixels wide is plenty) and upload "
            "that.",
            code="file_too_big",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file, formats=ALLOWED_FORMATS) as img:
                width, height = img.size
                img.verify()  # structure and checksums, without decoding
            file.seek(0)
            with Image.open(file, formats=ALLOWED_FORMATS) as img:
                img.load()  # every pixel: catches files cut short
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This picture is far too large in pixels (more than "
            f"{MAX_PIXELS // 1_000_000} megapixels) and was refused. Resize it to "
            "about 2000 pixels wide and upload it again.",
            code="too_many_pixels",
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            f"This file is not a {FORMAT_NAMES} picture. Save or export the photo "
            f"as {FORMAT_NAMES} and upload it again (SVG, GIF, HEIC and PDF files "
            "are not accepted).",
            code="wrong_format",
        ) from exc
    except Exception as exc:  # noqa: BLE001 -- Pillow raises many kinds on bad data
        raise ValidationError(
            "This picture file is damaged or incomplete and cannot be shown. "
            "Export it again from the original and upload the new file.",
            code="broken_image",
        ) from exc
    finally:
        file.seek(0)
    if width < MIN_WIDTH:
        raise ValidationError(
            f"This picture is only {width} pixels wide; it needs to be at least "
            f"{MIN_WIDTH} pixels wide to look sharp.",
            code="too_small",
        )
    tallest = max(round(height * w / width) for w in rendition_widths(width))
    if tallest > WEBP_MAX_SIDE or height > WEBP_MAX_SIDE * 4:
        raise ValidationError(
            f"This picture is {width:,}×{height:,} pixels: far too tall for its "
            "width to show on a page. Crop it to the part you want to show "
            "(a photo about 3 to 2, landscape) and upload that.",
            code="too_tall",
        )
    if width > height * MAX_ASPECT:
        raise ValidationError(
            _(
                "This picture is %(width)s×%(height)s pixels: far too wide for "
                "its height to show on a page. Crop it to the part you want to "
                "show (a photo about 3 to 2, landscape) and upload that."
            )
            % {"width": f"{width:,}", "height": f"{height:,}"},
            code="too_wide",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This picture is {width}×{height} pixels; the limit is "
            f"{MAX_PIXELS // 1_000_000} megapixels. Resize it and upload it again.",
            code="too_many_pixels",
        )


def validate_image_upload(value):
    """Model field validator: checks fresh uploads only (a stored file was
    checked when it came in)."""
    if value and not getattr(value, "_committed", True):
        check_image(value)


class ImageUploadField(forms.ImageField):
    """The admin's image field, with `check_image`'s clear messages instead of
    Django's single "Upload a valid image"."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            check_image(data)
        return super().to_python(data)


EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(file):
    """The upload re-encoded without metadata, the right way up, in its own
    format. Returns (ContentFile, file extension)."""
    file.seek(0)
    with Image.open(file, formats=ALLOWED_FORMATS) as img:
        fmt = img.format
        img = ImageOps.exif_transpose(img)
        # Pillow writes back what it read into `info`: a JPEG's comment (COM
        # segment: any text at all, a patient's name or a position) would
        # survive the re-encoding otherwise. Only the color profile stays.
        img.info = {k: v for k, v in img.info.items() if k == "icc_profile"}
        out = io.BytesIO()
        if fmt == "JPEG":
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            img.save(out, "JPEG", quality=88, optimize=True, progressive=True)
        elif fmt == "PNG":
            img.save(out, "PNG", optimize=True)
        else:
            img.save(out, "WEBP", quality=85)
    file.seek(0)
    return ContentFile(out.getvalue()), EXTENSIONS[fmt]


def rendition_widths(width):
    """The widths of the WebP copies for a picture `width` pixels wide: each
    standard width it can fill, or its own width when it is smaller."""
    if not width:
        return []
    return [w for w in RENDITION_WIDTHS if w <= width] or [width]


def rendition_name(name, width):
    folder, filename = posixpath.split(name)
    stem, extension = posixpath.splitext(filename)
    tag = extension.lstrip(".").lower()
    return posixpath.join(folder, "renditions", f"{stem}-{tag}-{width}w.webp")


def make_renditions(fieldfile, fresh=False):
    """Write the WebP copies of a stored picture: those missing, or all of them
    anew for a `fresh` upload (a file of that name may have been deleted and
    its name reused, and its copies must not outlive it)."""
    if not fieldfile:
        return
    storage = fieldfile.storage
    with fieldfile.open("rb"), Image.open(fieldfile, formats=ALLOWED_FORMATS) as img:
        img = ImageOps.exif_transpose(img)
        img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
        for width in rendition_widths(img.width):
            name = rendition_name(fieldfile.name, width)
            if storage.exists(name):
                if not fresh:
                    continue
                storage.delete(name)
            # At least a pixel: a picture saved without the form's check may
            # be a thin strip (refused on upload: MAX_ASPECT).
            height = max(1, round(img.height * width / img.width))
            copy = img.resize((width, height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            copy.save(out, "WEBP", quality=80, method=4)
            storage.save(name, ContentFile(out.getvalue()))


def delete_picture(fieldfile):
    """The stored file and its WebP copies, gone."""
    storage = fieldfile.storage
    for width in (*RENDITION_WIDTHS, fieldfile.width or 0):
        name = rendition_name(fieldfile.name, width)
        if storage.exists(name):
            storage.delete(name)
    storage.delete(fieldfile.name)


@dataclass
class Picture:
    """What a template needs to show a stored picture responsively."""

    file: object
    alt: str
    width: int
    height: int

    @property
    def src(self):
        return self.file.url

    @property
    def srcset(self):
        storage = self.file.storage
        return ", ".join(
            f"{storage.url(rendition_name(self.file.name, w))} {w}w"
            for w in rendition_widths(self.width)
        )


def picture(fieldfile, alt, width, height):
    if not fieldfile or not width or not height:
        return None
    return Picture(fieldfile, alt, width, height)


def process_upload(instance, field_name):
    """Called from a model's save(): strips a fresh upload's metadata before it
    is stored. Returns True when the field holds a new picture."""
    fieldfile = getattr(instance, field_name)
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return False
    content, extension = clean_image(fieldfile)
    stem = posixpath.splitext(posixpath.basename(fieldfile.name))[0]
    # Named, so the width and height fields are read from it on assignment.
    content.name = f"{stem}.{extension}"
    fieldfile.save(content.name, content, save=False)
    return True


def make_missing_renditions():
    """The WebP copies of every stored picture that lacks them (pictures
    uploaded before the copies' names changed). Run by the seed step, so on
    every start; costs a file check or two per picture when none is missing."""
    from django.apps import apps

    from .models import PictureMixin

    made = 0
    for model in apps.get_models():
        if not issubclass(model, PictureMixin):
            continue
        name = model.picture_field
        width_field = model._meta.get_field(name).width_field
        for obj in model._default_manager.exclude(**{name: ""}):
            fieldfile = getattr(obj, name)
            widths = rendition_widths(getattr(obj, width_field))
            if not fieldfile.storage.exists(fieldfile.name) or all(
                fieldfile.storage.exists(rendition_name(fieldfile.name, w))
                for w in widths
            ):
                continue
            make_renditions(fieldfile)
            made += 1
    return made
