"""Pictures staff upload: real bad files are refused with a clear message, good
ones are cleaned of metadata and served in phone-sized copies."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from base.images import ImageUploadField, rendition_name
from conditions.models import Condition
from treatments.models import Treatment

from .conftest import parse
from .editing import (
    SVG,
    admin_form_data,
    decompression_bomb_png,
    gif_bytes,
    jpeg_bytes,
    noisy_png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def refused(content, name="photo.jpg"):
    with pytest.raises(ValidationError) as error:
        ImageUploadField().clean(upload(name, content))
    return " ".join(error.value.messages)


def test_a_text_file_renamed_jpg_is_refused():
    message = refused(b"Dear patient, this is not a picture.\n" * 20, "notes.jpg")
    assert "not a JPEG, PNG or WebP picture" in message


def test_an_svg_is_refused():
    assert "SVG" in refused(SVG, "drawing.svg")
    assert "not a JPEG, PNG or WebP picture" in refused(SVG, "drawing.jpg")


def test_a_gif_is_refused():
    assert "not a JPEG, PNG or WebP picture" in refused(gif_bytes(), "anim.gif")


def test_a_truncated_jpeg_is_refused():
    whole = jpeg_bytes(exif=False)
    message = refused(whole[: len(whole) // 2])
    assert "damaged or incomplete" in message


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = decompression_bomb_png()
    assert len(bomb) < 50_000  # tiny on disk, 900 megapixels unpacked
    message = refused(bomb, "bomb.png")
    assert "far too large in pixels" in message


def test_a_picture_over_the_pixel_limit_is_refused():
    # 45 megapixels: over our limit, under Pillow's own bomb error threshold.
    message = refused(decompression_bomb_png(side=6_800), "huge.png")
    assert "far too large in pixels" in message


def test_an_oversized_file_is_refused(settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    big = noisy_png_bytes(800, 600)  # random pixels do not compress: ~1.4 MB
    assert len(big) > 1024 * 1024
    message = refused(big, "big.png")
    assert "pictures can be at most 1.0 MB" in message


def test_a_tiny_picture_is_refused():
    assert "at least 320 pixels wide" in refused(jpeg_bytes(200, 150, exif=False))


def test_a_good_photo_passes():
    ImageUploadField().clean(upload("photo.jpg", jpeg_bytes()))


def test_alt_text_is_required_with_a_picture():
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.hero_image = upload("hero.jpg", jpeg_bytes())
    condition.hero_alt = "  "
    with pytest.raises(ValidationError) as error:
        condition.full_clean()
    assert "hero_alt" in error.value.message_dict
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("t.jpg", jpeg_bytes())
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "image_alt" in error.value.message_dict


def post_hero(client, condition, content, name="hero.jpg", alt="A clinician at work"):
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    data = admin_form_data(client.get(url))
    data["hero_image"] = upload(name, content)
    data["hero_alt"] = alt
    return client.post(url, data)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("notes.jpg", b"not an image at all" * 50, "not a JPEG, PNG or WebP"),
        ("bomb.png", decompression_bomb_png(), "far too large in pixels"),
        ("cut.jpg", jpeg_bytes(exif=False)[:3000], "damaged or incomplete"),
    ],
    ids=["text", "bomb", "truncated"],
)
def test_the_admin_form_shows_the_reason(admin_client, name, content, message):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    response = post_hero(admin_client, condition, content, name)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["hero_image"]
    assert message in errors[0]
    assert message in response.content.decode()
    condition.refresh_from_db()
    assert not condition.hero_image


def test_the_admin_form_asks_for_alt_text(admin_client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    response = post_hero(admin_client, condition, jpeg_bytes(), alt="")
    assert response.status_code == 200
    assert "Describe the picture" in str(
        response.context["adminform"].form.errors["hero_alt"]
    )


def test_an_uploaded_hero_is_cleaned_resized_and_served_responsively(
    admin_client, client, media_root
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    original = jpeg_bytes(1600, 900)
    assert Image.open(io.BytesIO(original)).getexif()  # camera + GPS inside
    response = post_hero(admin_client, condition, original)
    assert response.status_code == 302

    condition.refresh_from_db()
    assert (condition.hero_width, condition.hero_height) == (1600, 900)
    stored = Path(condition.hero_image.path)
    with Image.open(stored) as img:
        assert img.format == "JPEG"
        assert not img.getexif()  # no camera, date or GPS position left
        assert "exif" not in img.info
    for width in (480, 960, 1440):
        path = media_root / rendition_name(condition.hero_image.name, width)
        with Image.open(path) as img:
            assert img.format == "WEBP"
            assert img.width == width
    made = {p.name: p.stat().st_mtime_ns for p in media_root.rglob("*.webp")}
    assert len(made) == 3

    page = parse(client.get(condition.get_absolute_url()))
    hero = page.images[0]
    assert hero["src"] == condition.hero_image.url
    assert hero["alt"] == "A clinician at work"
    assert (hero["width"], hero["height"]) == ("1600", "900")
    body = client.get(condition.get_absolute_url()).content.decode()
    for width in (480, 960, 1440):
        assert f"{rendition_name(condition.hero_image.url, width)} {width}w" in body
    assert 'type="image/webp"' in body and "sizes=" in body
    # The copies were made once, at save time: page views do not remake them.
    assert {p.name: p.stat().st_mtime_ns for p in media_root.rglob("*.webp")} == made
    # And they are really served.
    src = rendition_name(condition.hero_image.url, 480)
    served = client.get(src)
    assert served.status_code == 200


def test_a_small_picture_gets_one_copy_at_its_own_width(media_root):
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("small.png", noisy_png_bytes(400, 300), "image/png")
    treatment.image_alt = "A treatment room"
    treatment.save()
    copies = sorted(p.name for p in media_root.rglob("*.webp"))
    assert copies == [Path(rendition_name(treatment.image.name, 400)).name]
    assert treatment.picture.srcset.endswith(" 400w")


def test_a_png_named_jpg_is_stored_under_its_real_type(media_root):
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("mislabelled.jpg", noisy_png_bytes(500, 300), "image/png")
    treatment.image_alt = "A treatment room"
    treatment.save()
    assert treatment.image.name.endswith(".png")


def test_a_treatment_picture_shows_on_its_page(client, media_root):
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("room.jpg", jpeg_bytes(1200, 800))
    treatment.image_alt = "A bright treatment room"
    treatment.save()
    page = parse(client.get(treatment.get_absolute_url()))
    img = next(i for i in page.images if i.get("alt") == "A bright treatment room")
    assert (img["width"], img["height"]) == ("1200", "800")
    body = client.get(treatment.get_absolute_url()).content.decode()
    assert f"{rendition_name(treatment.image.url, 960)} 960w" in body
    assert "1440w" not in body  # no copy wider than the original


def rendition_bytes(obj, field, width):
    fieldfile = getattr(obj, field)
    return fieldfile.storage.open(rendition_name(fieldfile.name, width)).read()


def test_two_pictures_with_the_same_name_keep_their_own_copies(client, media_root):
    """`heropic.png` on Sciatica and `heropic.jpg` on Neck Pain: each page
    offers copies of its own picture, never the other's (a draft's picture
    could reach a public page the same way)."""
    sciatica = Condition.objects.get(slug="sciatica")
    sciatica.hero_image = upload("heropic.png", noisy_png_bytes(600, 400), "image/png")
    sciatica.hero_alt = "Sciatica picture"
    sciatica.save()
    neck = Condition.objects.get(slug="neck-pain")
    neck.hero_image = upload("heropic.jpg", jpeg_bytes(600, 400, color=(200, 0, 0)))
    neck.hero_alt = "Neck pain picture"
    neck.save()

    assert rendition_bytes(neck, "hero_image", 480) != rendition_bytes(
        sciatica, "hero_image", 480
    )
    with Image.open(io.BytesIO(rendition_bytes(neck, "hero_image", 480))) as copy:
        red, green, blue = copy.convert("RGB").getpixel((10, 10))
        assert red > 150 and green < 60  # Neck Pain's red, not Sciatica's noise
    neck_page = client.get(neck.get_absolute_url()).content.decode()
    assert neck.picture.srcset in neck_page.replace("&amp;", "&")
    assert sciatica.picture.srcset.split(" ")[0] not in neck_page


def test_a_reused_file_name_never_serves_the_old_files_copies(media_root):
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("room.jpg", jpeg_bytes(600, 400, color=(0, 0, 200)))
    treatment.image_alt = "A treatment room"
    treatment.save()
    old_name = treatment.image.name
    treatment.image.storage.delete(old_name)  # e.g. cleaned up by hand
    treatment.image = upload("room.jpg", jpeg_bytes(600, 400, color=(200, 0, 0)))
    treatment.save()
    assert treatment.image.name == old_name
    with Image.open(io.BytesIO(rendition_bytes(treatment, "image", 480))) as copy:
        assert copy.convert("RGB").getpixel((10, 10))[0] > 150


def test_a_very_tall_picture_is_refused_with_a_clear_message(admin_client, media_root):
    """320×20,000 pixels passes the pixel limit but cannot be copied to WebP
    (16,383 pixels at most): refused on the form, never a 500, nothing
    stored."""
    out = io.BytesIO()
    Image.new("RGB", (320, 20_000), (40, 120, 60)).save(out, "PNG")
    tall = out.getvalue()
    assert "far too tall" in refused(tall, "tall.png")
    condition = Condition.objects.get(slug="back-muscle-spasms")
    response = post_hero(admin_client, condition, tall, name="tall.png")
    assert response.status_code == 200
    assert "far too tall" in response.content.decode()
    assert not list(media_root.rglob("*.png"))


def test_pictures_from_an_earlier_release_get_their_copies_on_the_next_start(
    media_root,
):
    from django.core.management import call_command

    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("room.jpg", jpeg_bytes(1200, 800))
    treatment.image_alt = "A treatment room"
    treatment.save()
    for path in media_root.rglob("*.webp"):
        path.unlink()  # as if made under the earlier names
    call_command("seed", verbosity=0)
    for width in (480, 960):
        assert (media_root / rendition_name(treatment.image.name, width)).exists()


def picture_bytes(width, height, fmt, **kwargs):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 60)).save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize(
    "name,content",
    [
        ("wide.png", picture_bytes(2000, 1, "PNG")),
        ("wide.jpg", picture_bytes(4000, 3, "JPEG")),
    ],
    ids=["2000x1-png", "4000x3-jpeg"],
)
def test_a_very_wide_picture_is_refused_with_a_clear_message(
    admin_client, media_root, name, content
):
    """Issue 19, finding 6: its copies would be 0 pixels tall (a 500, and the
    original left in media). Refused on the form; nothing stored."""
    assert "far too wide" in refused(content, name)
    condition = Condition.objects.get(slug="back-muscle-spasms")
    response = post_hero(admin_client, condition, content, name=name)
    assert response.status_code == 200
    assert "far too wide" in response.content.decode()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_a_wide_picture_saved_in_code_gets_copies_or_leaves_nothing(media_root):
    """Saved without the form's check (a script, a fixture): never a 0-pixel
    copy; its copies are at least one pixel tall."""
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("wide.jpg", picture_bytes(4000, 3, "JPEG"))
    treatment.image_alt = "A strip"
    treatment.save()
    for width in (480, 960, 1440):
        path = media_root / rendition_name(treatment.image.name, width)
        with Image.open(path) as img:
            assert img.height >= 1


def test_a_jpeg_comment_is_stripped_like_exif(admin_client, media_root):
    """Issue 19, finding 7: a JPEG comment (COM segment) stayed in the public
    original."""
    secret = b"patient Jane Doe 33.4484,-112.0740"
    original = picture_bytes(1200, 800, "JPEG", comment=secret)
    assert secret in original
    condition = Condition.objects.get(slug="back-muscle-spasms")
    assert post_hero(admin_client, condition, original).status_code == 302
    condition.refresh_from_db()
    stored = Path(condition.hero_image.path)
    assert secret not in stored.read_bytes()
    assert b"Jane Doe" not in stored.read_bytes()
    with Image.open(stored) as img:
        assert "comment" not in img.info
    for path in media_root.rglob("*.webp"):
        assert b"Jane Doe" not in path.read_bytes()


def test_a_picture_whose_copies_fail_leaves_nothing_in_media(media_root, monkeypatch):
    """Whatever breaks while the copies are made, the fresh original does not
    stay public in media."""
    from base import images

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(images.Image.Image, "resize", broken)
    treatment = Treatment.objects.get(slug="chiropractic")
    treatment.image = upload("room.jpg", jpeg_bytes(600, 400))
    treatment.image_alt = "A treatment room"
    with pytest.raises(OSError):
        treatment.save()
    assert not [p for p in media_root.rglob("*") if p.is_file()]
