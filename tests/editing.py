"""Helpers for the staff-editing tests: users in the editor group, admin form
data read back from the page, and real image files (good and bad)."""

import io
import struct
import zlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

EDITOR_PASSWORD = "an editor's long password 7"


def editor_group():
    """The group the migration made. Transactional (live-server) tests empty
    the database afterwards, so later ones may need it made again the same
    way."""
    from importlib import import_module

    from django.contrib.auth.models import Permission

    migration = import_module("base.migrations.0004_content_editor_group_and_site")
    group, created = Group.objects.get_or_create(name=migration.GROUP)
    if created:
        for app_label, models in migration.PERMISSIONS.items():
            for model, actions in models.items():
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label,
                        codename__in=[f"{action}_{model}" for action in actions],
                    )
                )
        # and the condition's ordered lists (conditions migration 0007)
        lists = ["conditionrootcause", "conditionriskfactor", "conditionsymptom"]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="conditions",
                codename__in=[
                    f"{action}_{model}"
                    for model in [*lists, "conditionbodyarea"]
                    for action in ("add", "change", "delete", "view")
                ],
            )
        )
    return group


def make_editor(username="editor"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(editor_group())
    return user


def admin_form_data(response):
    """The POST body an unchanged admin change (or revert) form would send:
    the main form's values and every inline row."""
    context = response.context
    form = context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name in ("hero_image", "image"):
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = field.prepare_value(value) if hasattr(value, "pk") else value
        if field.show_hidden_initial and name in data:
            # A browser sends the hidden initial value too (fields with a
            # callable default), so an unchanged field reads as unchanged.
            data[form.add_initial_prefix(name)] = data[name]
    for formset in (fs.formset for fs in context.get("inline_admin_formsets", [])):
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(formset.total_form_count())
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        for inline_form in formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is None:
                    continue
                if isinstance(value, bool):
                    if value:
                        data[inline_form.add_prefix(name)] = "on"
                    continue
                data[inline_form.add_prefix(name)] = value
    return data


def inline_field(data, prefix, obj, field):
    """The POST key of `field` in the inline row that edits `obj`, in a body
    from admin_form_data (rows are numbered by the admin, not by us)."""
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == obj.pk
    )
    return f"{prefix}-{index}-{field}"


def jpeg_bytes(width=1600, height=900, exif=True, color=(30, 90, 140)):
    """A real JPEG photo, with camera and GPS details in its EXIF by default."""
    img = Image.new("RGB", (width, height), color)
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneCam Maker"  # Make
        data[0x0110] = "Model 12"  # Model
        data[0x0132] = "2026:01:02 03:04:05"  # DateTime
        gps = {1: "N", 2: (33.0, 41.0, 10.0), 3: "W", 4: (111.0, 59.0, 40.0)}
        data[0x8825] = gps
        kwargs["exif"] = data.tobytes()
    img.save(out, "JPEG", quality=90, **kwargs)
    return out.getvalue()


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb_png(side=30_000):
    """A valid PNG a few hundred bytes long that claims side×side pixels
    (900 megapixels here): decoding it would need gigabytes of memory."""
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit grey
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(64))
    idat += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" '
    b'height="600"><script>alert(1)</script><rect width="800" height="600"/></svg>'
)


def gif_bytes():
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 0, 0)).save(out, "GIF")
    return out.getvalue()


def noisy_png_bytes(width, height):
    """A PNG that does not compress: random pixels."""
    import os

    img = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    return out.getvalue()


def change_url(obj):
    """The admin form of `obj`."""
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
