"""One drawing of the body, front and back, for two uses: the illustration at
the top of a condition page (the condition's body areas lit) and the "Where
does it hurt?" map (every published area a labelled link).

Areas are drawn by slug. An area staff add with a slug the drawing does not
know still appears in every list of links; it is just not drawn. Everything is
inline SVG with `fill`/`stroke` attributes and classes (the CSP forbids
`style=""`), and every name and URL is escaped by `format_html`.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

# The figure is drawn around x = 0, from the top of the head (y = 4) to the
# soles (y = 370). Paths for the left side (x < 0) of paired parts are
# mirrored for the right side.
HEAD_Y = 27
NECK = "M-8 44h16l3 20h-22z"
SHOULDER = "M-11 63C-22 64-39 64-47 71c-6 6-8 14-8 24h15c0-8 3-14 9-16l-9-7z"
UPPER_ARM = "M-55 97h15c0 18-1 35-2 52h-15c-1-17-1-35 2-52z"
FOREARM = "M-57 151h15c-1 21-2 41-3 60h-11c-2-19-2-39-1-60z"
HAND_X = 50
THIGH = "M-34 217l31 8c-1 24-3 46-5 67h-20c-4-24-7-49-6-75z"
SHIN = "M-28 294h20c-1 23-3 43-4 62h-12c-2-19-4-39-4-62z"
FOOT = "M-24 358h12l2 11h-20z"
# Front of the trunk, top to bottom.
CHEST = "M-39 80l19-8h40l19 8c3 12 3 25 1 37h-78c-2-12-2-25 0-37z"
RIBS = "M-39 119h78c-1 10-4 19-7 28h-64c-3-9-6-18-7-28z"
STOMACH = "M-32 149h64c-1 13 0 26 2 39h-68c2-13 3-26 2-39z"
HIPS = "M-34 190h68c2 9 2 18 1 26l-31 9h-8l-31-9c-1-8-1-17 1-26z"
# Back of the trunk.
UPPER_BACK = "M-39 80l19-8h40l19 8c3 20 2 40-1 60h-76c-3-20-4-40-1-60z"
LOWER_BACK = "M-37 142h74c-3 15-4 31-3 46h-68c1-15 0-31-3-46z"
BUTTOCKS = HIPS
KNEE_Y = 293


def _join(parts):
    """Safe markup pieces, joined (each was built by format_html)."""
    return format_html_join("", "{}", ((part,) for part in parts))


HEAD = format_html('<ellipse cx="0" cy="{}" rx="18" ry="23"/>', HEAD_Y)
HANDS = format_html(
    '<ellipse cx="-{x}" cy="223" rx="7" ry="11"/><ellipse cx="{x}" cy="223" rx="7" '
    'ry="11"/>',
    x=HAND_X,
)
# Drawn over the legs, so a lit knee shows on the leg it belongs to.
KNEES = format_html(
    '<ellipse cx="-18" cy="{y}" rx="11" ry="9"/><ellipse cx="18" cy="{y}" rx="11" '
    'ry="9"/>',
    y=KNEE_Y,
)


def _paired(d):
    """A left-side path and its mirror image."""
    return format_html('<path d="{}"/><path d="{}" transform="scale(-1 1)"/>', d, d)


def _single(d):
    return format_html('<path d="{}"/>', d)


@dataclass(frozen=True)
class Region:
    """How one body area is drawn in one view, and where its label points."""

    shapes: str
    anchor: tuple  # (x, y) the label's line points at, figure coordinates
    side: str  # "left" or "right": where its label goes on the map


# The areas the drawing knows, per view, head to feet (the map's focus order).
FRONT = {
    "head": Region(HEAD, (-12, 22), "left"),
    "neck": Region(_single(NECK), (-6, 54), "left"),
    "shoulders": Region(_paired(SHOULDER), (44, 78), "right"),
    "chest": Region(_single(CHEST), (-24, 96), "left"),
    "ribs": Region(_single(RIBS), (28, 132), "right"),
    "stomach": Region(_single(STOMACH), (-18, 168), "left"),
    "arms": Region(_paired(UPPER_ARM) + _paired(FOREARM), (50, 180), "right"),
    "hands": Region(HANDS, (HAND_X, 223), "right"),
    "hips": Region(_single(HIPS), (-26, 204), "left"),
    "legs": Region(_paired(THIGH) + _paired(SHIN), (-20, 250), "left"),
    "knees": Region(KNEES, (18, KNEE_Y), "right"),
}
BACK = {
    "head": Region(HEAD, (-12, 22), "left"),
    "neck": Region(_single(NECK), (6, 54), "right"),
    "shoulders": Region(_paired(SHOULDER), (-44, 78), "left"),
    "upper-back": Region(_single(UPPER_BACK), (26, 104), "right"),
    "lower-back": Region(_single(LOWER_BACK), (-24, 164), "left"),
    "arms": Region(_paired(UPPER_ARM) + _paired(FOREARM), (50, 180), "right"),
    "hands": Region(HANDS, (-HAND_X, 223), "left"),
    "hips": Region(_single(BUTTOCKS), (24, 204), "right"),
    "legs": Region(_paired(THIGH) + _paired(SHIN), (-20, 250), "left"),
    "knees": Region(KNEES, (18, KNEE_Y), "right"),
}
VIEWS = (("front", _("Front"), FRONT), ("back", _("Back"), BACK))

# Each view, head to feet: (area slug or None, shapes). Parts without a slug
# (the feet) are always plain silhouette.
PARTS = {
    view: [(slug, region.shapes) for slug, region in regions.items()]
    + [(None, _paired(FOOT))]
    for view, _label, regions in VIEWS
}
TOP, BOTTOM = 0, 372
FIGURE_HALF_WIDTH = 60


def drawable(slug):
    return slug in FRONT or slug in BACK


def _figure(view, lit=(), skip=()):
    """One view of the body: every part once, lit parts in their own group;
    parts in `skip` are left out (the map draws those as links)."""
    plain = [
        shapes for slug, shapes in PARTS[view] if slug not in lit and slug not in skip
    ]
    shown = [shapes for slug, shapes in PARTS[view] if slug in lit]
    return format_html(
        '<g class="body-base">{}</g>{}',
        _join(plain),
        format_html('<g class="body-lit">{}</g>', _join(shown)) if shown else "",
    )


def describe(areas):
    """Words for the illustration: what is lit, in body order."""
    names = [area.name.lower() for area in areas]
    listed = names[0]
    if len(names) > 1:
        last = pgettext("last item of a list", "and")
        listed = ", ".join(names[:-1]) + f" {last} " + names[-1]
    return gettext(
        "Outline of a body, front and back, with the %(areas)s highlighted"
    ) % {"areas": listed}


def _parts(view, lit, keep):
    groups = {"plain": [], "lit": []}
    for slug, shapes in PARTS[view]:
        if keep(slug, shapes):
            groups["lit" if slug in lit else "plain"].append(shapes)
    return format_html(
        '<g class="body-base">{}</g>{}',
        _join(groups["plain"]),
        format_html('<g class="body-lit">{}</g>', _join(groups["lit"]))
        if groups["lit"]
        else "",
    )


def _both_views(lit, shared_id, labels=False):
    """Front and back side by side. What both views draw alike (head, limbs,
    hips) is drawn once and reused in the back view with <use>."""
    back = set(PARTS["back"])
    front = set(PARTS["front"])
    views = [
        format_html(
            '<g transform="translate(70 0)"><g id="{}">{}</g>{}{}</g>',
            shared_id,
            _parts("front", lit, lambda *part: part in back),
            _parts("front", lit, lambda *part: part not in back),
            format_html(
                '<text x="0" y="396" text-anchor="middle">{}</text>', _("Front")
            )
            if labels
            else "",
        ),
        format_html(
            '<g transform="translate(220 0)"><use href="#{}"/>{}{}</g>',
            shared_id,
            _parts("back", lit, lambda *part: part not in front),
            format_html('<text x="0" y="396" text-anchor="middle">{}</text>', _("Back"))
            if labels
            else "",
        ),
    ]
    return _join(views)


def outline():
    """Both views, nothing lit: decoration beside a list of areas."""
    return format_html(
        '<svg class="body-figure" viewBox="0 0 290 372" width="290" height="372" '
        'aria-hidden="true" focusable="false">{}</svg>',
        _both_views(set(), "body-outline-shared"),
    )


def illustration(areas):
    """The condition illustration: both views side by side, the given areas
    lit. None when none of the areas can be drawn (no figure beats a figure
    that shows nothing)."""
    areas = [area for area in areas if drawable(area.slug)]
    if not areas:
        return None
    return format_html(
        '<svg class="body-figure" viewBox="0 0 290 404" width="290" height="404" '
        'role="img" aria-labelledby="body-figure-title" focusable="false">'
        '<title id="body-figure-title">{}</title>{}</svg>',
        describe(areas),
        _both_views({area.slug for area in areas}, "body-figure-shared", True),
    )


# The map's labels: pills at least 44 px tall on a 320 px wide phone.
PILL_HEIGHT = 48
PILL_GAP = 8
FONT_SIZE = 17
CHAR_WIDTH = 10.6  # a fair average for a bold system sans-serif at 17 units
PILL_PADDING = 26


def _pill_width(name):
    return round(len(name) * CHAR_WIDTH + PILL_PADDING)


def _place(labels):
    """Spread labels on one side down the figure so that none overlap, each
    as close as it can be to the height of what it names."""
    placed, floor = [], TOP
    for label in sorted(labels, key=lambda label: label["anchor"][1]):
        y = max(label["anchor"][1] - PILL_HEIGHT / 2, floor)
        placed.append({**label, "y": y})
        floor = y + PILL_HEIGHT + PILL_GAP
    return placed


def body_map(areas):
    """The "Where does it hurt?" map: one SVG per view, every drawable area
    a link with its name on a label. Returns [] when nothing can be drawn."""
    by_slug = {area.slug: area for area in areas if drawable(area.slug)}
    if not by_slug:
        return []
    views = []
    for view, label, regions in VIEWS:
        shown = [(slug, regions[slug]) for slug in regions if slug in by_slug]
        if not shown:
            continue
        sides = {"left": [], "right": []}
        for slug, region in shown:
            sides[region.side].append(
                {"slug": slug, "region": region, "anchor": region.anchor}
            )
        views.append((view, label, sides))
    # The same room for labels in every view, so each drawing is as wide and
    # the front and back figures are drawn the same size side by side.
    widths = {
        side: max(
            (
                _pill_width(by_slug[i["slug"]].name)
                for _, _, sides in views
                for i in sides[side]
            ),
            default=0,
        )
        for side in ("left", "right")
    }
    left = max(widths["left"], 40) + 4  # room for the pill's outline
    right = max(widths["right"], 40) + 4
    centre = left + 12 + FIGURE_HALF_WIDTH
    width = centre + FIGURE_HALF_WIDTH + 12 + right
    maps = []
    for view, label, sides in views:
        placed = {side: _place(items) for side, items in sides.items()}
        bottom = max(
            [BOTTOM]
            + [item["y"] + PILL_HEIGHT for items in placed.values() for item in items]
        )
        links = []
        # Focus order head to feet, whichever side the label is on.
        for item in sorted(
            placed["left"] + placed["right"], key=lambda item: item["anchor"][1]
        ):
            area = by_slug[item["slug"]]
            ax, ay = item["anchor"]
            pill_w = _pill_width(area.name)
            if item["region"].side == "left":
                px = left - pill_w
                line_from = left
            else:
                px = centre + FIGURE_HALF_WIDTH + 12
                line_from = px
            py = item["y"]
            links.append(
                format_html(
                    '<a href="{url}" aria-label="{name}"><g class="map-area">{shapes}'
                    "</g>"
                    '<path class="map-line" d="M{lx} {ly}L{ax} {ay}"/>'
                    '<circle class="map-dot" cx="{ax}" cy="{ay}" r="4"/>'
                    '<rect class="map-pill" x="{px}" y="{py}" width="{pw}" '
                    'height="{ph}" rx="{r}"/>'
                    '<text class="map-label" x="{tx}" y="{ty}" '
                    'text-anchor="middle">{name}</text></a>',
                    url=area.get_absolute_url(),
                    name=area.name,
                    shapes=format_html(
                        '<g transform="translate({} 0)">{}</g>',
                        centre,
                        item["region"].shapes,
                    ),
                    lx=line_from,
                    ly=round(py + PILL_HEIGHT / 2),
                    ax=centre + ax,
                    ay=ay,
                    px=px,
                    py=py,
                    pw=pill_w,
                    ph=PILL_HEIGHT,
                    r=PILL_HEIGHT // 2,
                    tx=px + pill_w / 2,
                    ty=round(py + PILL_HEIGHT / 2 + FONT_SIZE * 0.35),
                )
            )
        maps.append(
            {
                "view": view,
                "label": label,
                "svg": format_html(
                    '<svg class="body-map" viewBox="0 0 {w} {h}" width="{w}" '
                    'height="{h}" role="group" aria-label="{aria}" '
                    'focusable="false">'
                    '<g transform="translate({c} 0)">{base}</g>{links}</svg>',
                    w=width,
                    h=bottom + 4,
                    aria=gettext("Body map, %(view)s view") % {"view": label.lower()},
                    c=centre,
                    base=_figure(view, skip=set(by_slug)),
                    links=_join(links),
                ),
            }
        )
    return maps
