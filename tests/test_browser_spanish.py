"""The design holds in Spanish (issue 17, item 6): Spanish words are longer
("Pida que le llamemos", "Tratamientos", "Parte baja de la espalda"), and on
the smallest phone (320 px) nothing on any Spanish page type may reach past
the screen's edge, and no button, pill, call-bar link, body-map label or the
language switch may cut its words. Checked in Debian's Chromium on every
page type found by crawling from /es/."""

import pytest

from .test_accessibility import (
    SPANISH_EXTRA_PAGES,
    crawl_spanish_page_types,
    submit_empty,
)

pytestmark = pytest.mark.browser

SMALLEST_PHONE = {"width": 320, "height": 640}

# What must show its whole label: buttons, pills, the call bar, the language
# switch, the menus, the body map's labels.
LABELLED = (
    "button, .button, input[type=submit], .tags a, .call-bar a, "
    ".language-switch, .site-nav a, .body-map a, .pill, .breadcrumbs a"
)

# Every element reaching past the window's sides, and every labelled one
# whose words do not fit inside it (or that hides words it cannot show).
PROBLEMS = """([width, labelled]) => {
    const problems = [];
    const name = e => e.tagName.toLowerCase()
        + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className
            ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
        + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
    const shown = e => {
        if (e.closest('.visually-hidden, [hidden], [aria-hidden=true]')) return false;
        const style = getComputedStyle(e);
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
    };
    // Inside a box meant to scroll sideways (a wide table), reaching past
    // the window is that box's business, not the page's.
    const scrolls = e => {
        for (let p = e.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll') return true;
        }
        return false;
    };
    for (const e of document.body.querySelectorAll('*')) {
        if (!shown(e) || scrolls(e)) continue;
        const box = e.getBoundingClientRect();
        if (box.right > width + 0.5 || box.left < -0.5) {
            problems.push('past the edge: ' + name(e)
                + ` [${Math.round(box.left)}, ${Math.round(box.right)}]`);
        }
    }
    for (const e of document.querySelectorAll(labelled)) {
        if (!shown(e)) continue;
        const box = e.getBoundingClientRect();
        // Words hidden by the element's own overflow (ellipsis, clipping).
        const clips = getComputedStyle(e).overflowX !== 'visible';
        if (clips && e.scrollWidth > e.clientWidth + 1) {
            problems.push('words cut: ' + name(e));
            continue;
        }
        // Words spilling out of the button's own box (the words a screen
        // reader alone reads are not drawn).
        const texts = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        let outside = null;
        while (!outside && texts.nextNode()) {
            const text = texts.currentNode;
            if (!text.textContent.trim() || !shown(text.parentElement)) continue;
            const range = document.createRange();
            range.selectNodeContents(text);
            for (const line of range.getClientRects()) {
                if (line.width === 0) continue;
                if (line.left < box.left - 0.5 || line.right > box.right + 0.5) {
                    outside = ` [${Math.round(line.left)}, ${Math.round(line.right)}]`
                        + ` in [${Math.round(box.left)}, ${Math.round(box.right)}]`;
                    break;
                }
            }
        }
        if (outside) problems.push('words outside: ' + name(e) + outside);
    }
    // Words drawn in a picture (the figure's "De frente"/"De espaldas", the
    // body map's labels) inside the picture, and each map label inside its
    // pill.
    for (const t of document.querySelectorAll('svg text')) {
        if (!shown(t)) continue;
        const box = t.getBoundingClientRect();
        const svg = t.closest('svg').getBoundingClientRect();
        const pill = t.closest('a') && t.closest('a').querySelector('.map-pill');
        const frame = pill ? pill.getBoundingClientRect() : svg;
        if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
            problems.push('words outside their picture: ' + name(t)
                + ` [${Math.round(box.left)}, ${Math.round(box.right)}]`
                + ` in [${Math.round(frame.left)}, ${Math.round(frame.right)}]`);
        }
    }
    if (document.documentElement.scrollWidth > width) {
        problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
    }
    return problems;
}"""


def problems_on(page):
    return page.evaluate(PROBLEMS, [SMALLEST_PHONE["width"], LABELLED])


def test_every_spanish_page_type_fits_the_smallest_phone(live_site, browser):
    from base.models import ClinicSettings

    clinic = ClinicSettings.load()
    clinic.spanish_on_phone = True  # "Se habla español": the longest case
    clinic.save()
    context = browser.new_context(viewport=SMALLEST_PHONE)
    page = context.new_page()
    found, visited = {}, []
    try:
        for path in crawl_spanish_page_types(page, live_site.url):
            visited.append(path)
            problems = problems_on(page)
            if problems:
                found[path] = problems
        # The pages no link leads to: a suggestion, results, not found, and
        # the call-back form with its errors.
        for path in SPANISH_EXTRA_PAGES:
            page.goto(live_site.url + path)
            visited.append(path)
            if problems := problems_on(page):
                found[path] = problems
        page.goto(live_site.url + "/es/appointments/request/")
        submit_empty(page, 1)  # the call-back form (0 is the header's search)
        visited.append("/es/appointments/request/ (errors)")
        if problems := problems_on(page):
            found[visited[-1]] = problems
    finally:
        context.close()
    assert len(visited) >= 15, visited
    assert all(path.startswith("/es/") for path in visited), visited
    assert found == {}, "\n".join(f"{p}: {v}" for p, v in found.items())
