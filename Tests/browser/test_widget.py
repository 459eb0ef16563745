#!/usr/bin/env python3
"""The agenda widget of a cinema: the short code (a div that embed.js fills with an iframe)
in a third-party page, and the widget's options (widget.js).

usage: test_widget.py OUTPUT_DIR

A temporary web root holds the portal under /portail/ (a symbolic link to OUTPUT_DIR) and a
host page at /host/index.html, outside the portal's files, with the same hostile CSS as
test_embed.py. The page pastes the short code the cinema's page documents (its second
textarea), with data-limit="3" and the portal's address replaced by /portail/; a second div
asks for the dark theme in English, and a third one has a key embed.js must refuse. The
cinema is the one with the most upcoming events (agenda/venues/<key>.ics). See README.md.
"""

import html
import os
import re
import shutil
import sys
import time
from urllib.parse import parse_qs, urlsplit

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, ics_events, make_driver, output_dir_from_argv,
    temporary_folder, tile_hosts, uid_id, wait_for, wait_until,
)
from selenium.webdriver.common.by import By  # noqa: E402

LIMIT = 3

HOSTILE_CSS = """
* { box-sizing: content-box !important; }
html { font-size: 30px; }
body { margin: 2rem; font-family: serif; color: #0f0; background: #400; }
div { padding: 7px; border: 2px dashed yellow; }
iframe { border: 5px solid red; height: 40px !important; width: 90%; display: block; margin: 1rem 0; }
a { color: magenta !important; }
li { display: inline !important; }
"""


def busiest_venue(output):
    """(key, its VEVENTs) of the cinema with the most upcoming events."""
    folder = os.path.join(output, "agenda", "venues")
    feeds = {name[:-4]: ics_events(os.path.join(folder, name)) for name in os.listdir(folder) if name.endswith(".ics")}
    key = max(feeds, key=lambda k: (len(feeds[k]), k))
    return key, feeds[key]


def documented_div(output, key):
    """The short code the cinema's page documents (its #widget-div textarea)."""
    with open(os.path.join(output, "datasets", "cinemas-actifs", key + ".html"), encoding="utf-8") as handle:
        page = handle.read()
    match = re.search(r'<textarea id="widget-div"[^>]*>(.*?)</textarea>', page, re.S)
    if not match:
        raise AssertionError("no short widget code on the page of cinema %s" % key)
    return html.unescape(match.group(1))


def host_page(output, key):
    code = documented_div(output, key)
    script = re.search(r'<script src="([^"]*)assets/embed\.js"', code)
    if not script:
        raise AssertionError("the short code loads no embed.js: %r" % code)
    code = code.replace(script.group(1), "/portail/")
    code = re.sub(r'data-limit="\d+"', 'data-limit="%d"' % LIMIT, code)
    if 'data-limit="%d"' % LIMIT not in code:
        code = code.replace('data-portail-agenda="%s"' % key, 'data-portail-agenda="%s" data-limit="%d"' % (key, LIMIT))
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A third-party page</title>
<link rel="icon" href="data:,">
<style>%s</style>
</head>
<body>
<h1>Somebody else's page</h1>
<p>What's on at our cinema:</p>
%s
<p>In English, dark:</p>
<div id="dark" data-portail-agenda="%s" data-theme="dark" data-lang="en" data-title="Our cinema's events"></div>
<p>A key that is no key:</p>
<div id="bad" data-portail-agenda="../../index" data-limit="2">fallback text</div>
<p>The end.</p>
</body>
</html>
""" % (HOSTILE_CSS, code, key)


def frame_sizes(driver, frame):
    """(height of the iframe's content box, height of the document inside it)."""
    outer = driver.execute_script(
        "const f = arguments[0], s = getComputedStyle(f);"
        "return f.getBoundingClientRect().height - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth)"
        " - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);", frame)
    driver.switch_to.frame(frame)
    try:
        inner = driver.execute_script("return Math.ceil(document.documentElement.getBoundingClientRect().height);")
    finally:
        driver.switch_to.default_content()
    return outer, inner


def fits(driver, frame, minimum=41):
    content, inner = frame_sizes(driver, frame)
    return (content, inner) if content >= minimum and abs(content - inner) <= 1 else None


WIDGET_STATE = """
    const visible = (el) => el.getClientRects().length > 0;
    const main = Array.from(document.querySelectorAll('main.widget__version')).filter(visible);
    const events = Array.from(document.querySelectorAll('li.event')).filter(visible);
    const days = Array.from(document.querySelectorAll('.agenda-day'));
    const links = Array.from(document.querySelectorAll('li.event a[href]'));
    const bg = getComputedStyle(document.body).backgroundColor;
    return {
        versions: main.map((m) => m.dataset.lang),
        htmlLang: document.documentElement.lang,
        mainLang: main.length ? main[0].getAttribute('lang') : null,
        bodyClass: document.body.className,
        ids: events.map((li) => (li.querySelector('.event__title a').getAttribute('href').match(/events\\/([^/]+)\\.html$/) || [])[1]),
        starts: events.map((li) => li.querySelector('time').getAttribute('datetime')),
        daysOk: days.every((d) => visible(d) === Array.from(d.querySelectorAll('li.event')).some(visible)),
        linksOk: links.length > 0 && links.every((a) => a.target === '_blank' && a.relList.contains('noopener')),
        background: bg,
        color: getComputedStyle(document.body).color,
        title: document.title,
    };
"""


def widget_state(driver):
    return driver.execute_script(WIDGET_STATE)


def local_start(iso):
    """2026-12-11T15:15:00+01:00 → 20261211T151500 (the VEVENT's DTSTART in the cinema's zone)."""
    return re.sub(r"[-:]", "", iso[:19])


def luminance(css):
    r, g, b = [int(float(v)) for v in re.findall(r"[\d.]+", css)[:3]]

    def f(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("widget")
    key, vevents = busiest_venue(output)
    starts = sorted(e["DTSTART"] for e in vevents)
    venue_ids = {uid_id(e["UID"]) for e in vevents}
    print("cinema %s: %d upcoming events; host page asks for %d" % (key, len(vevents), LIMIT), flush=True)

    root = temporary_folder("portail-widget-")
    try:
        os.symlink(output, os.path.join(root, "portail"))
        os.mkdir(os.path.join(root, "host"))
        with open(os.path.join(root, "host", "index.html"), "w", encoding="utf-8") as handle:
            handle.write(host_page(output, key))
        hosts = tile_hosts(output)
        with LocalServer(root) as server:
            driver = make_driver(1280, 1000)
            try:
                console = Console(driver, hosts)
                driver.get(server.base + "host/index.html")
                frames = wait_until(lambda: (lambda f: f if len(f) >= 2 else None)(
                    driver.find_elements(By.CSS_SELECTOR, "iframe[data-portail-embed]")), 10) or []
                report.check("embed.js filled the two valid divs with an iframe", len(frames) == 2, "%d iframes" % len(frames))
                bad = driver.execute_script("const d = document.getElementById('bad'); return [d.querySelectorAll('iframe').length, d.textContent];")
                report.check("a div whose key is no key gets no iframe", bad == [0, "fallback text"], repr(bad))
                frame, dark = frames[0], frames[1]

                src = frame.get_attribute("src")
                parts = urlsplit(src)
                report.check("the iframe points at the portal's widget, with the limit",
                             parts.netloc == urlsplit(server.base).netloc and parts.path == "/portail/embed/agenda/%s.html" % key
                             and parse_qs(parts.query) == {"limit": [str(LIMIT)]}, src)
                attributes = driver.execute_script(
                    "const f = arguments[0]; return [f.title, f.getAttribute('width'), f.style.borderTopWidth + ' ' + f.style.borderBottomWidth, f.getAttribute('loading')];", frame)
                report.check("…with a title, width=100%, border:0 and lazy loading",
                             attributes[0].strip() != "" and attributes[1:] == ["100%", "0px 0px", "lazy"], repr(attributes))
                report.check("…and in the div it replaced", driver.execute_script(
                    "return arguments[0].parentElement.hasAttribute('data-portail-agenda');", frame))

                driver.switch_to.frame(frame)
                try:
                    wait_for(driver, "return document.readyState === 'complete';", 10)
                    state = widget_state(driver)
                finally:
                    driver.switch_to.default_content()
                report.check("the widget shows at most %d events" % LIMIT, 0 < len(state["ids"]) <= LIMIT, "%d shown" % len(state["ids"]))
                report.check("…the cinema's first upcoming ones",
                             [local_start(s) for s in state["starts"]] == starts[:LIMIT] and set(state["ids"]) <= venue_ids,
                             "%s vs %s" % ([local_start(s) for s in state["starts"]], starts[:LIMIT]))
                report.check("…days left empty are hidden", state["daysOk"])
                report.check("…in the site's language only", len(state["versions"]) == 1, repr(state["versions"]))
                report.check("…and its links open in a new tab (target=_blank, rel=noopener)", state["linksOk"])

                sized = wait_until(lambda: fits(driver, frame), 15)
                report.check("the iframe grew from 40 px to its content's height", bool(sized),
                             "iframe %s px, content %s px" % frame_sizes(driver, frame))

                driver.switch_to.frame(dark)
                try:
                    wait_for(driver, "return document.readyState === 'complete';", 10)
                    dark_state = widget_state(driver)
                finally:
                    driver.switch_to.default_content()
                report.check("data-theme=dark, data-lang=en: the English version, dark",
                             dark_state["versions"] == ["en"] and "widget--dark" in dark_state["bodyClass"].split()
                             and dark_state["htmlLang"].lower().startswith("en"), repr(dark_state["versions"]) + " " + dark_state["bodyClass"])
                report.check("…without a limit, every upcoming event", len(dark_state["ids"]) == len(vevents), "%d shown" % len(dark_state["ids"]))
                report.check("…the title given in data-title", dark.get_attribute("title") == "Our cinema's events", dark.get_attribute("title"))
                report.check("…sized too", bool(wait_until(lambda: fits(driver, dark), 15)), "iframe %s px, content %s px" % frame_sizes(driver, dark))
                report.no_console_errors("no console error in the host page or its widgets", console)

                # The widget's own address, as the iframe code would name it.
                console = Console(driver, hosts, ignore_favicon=True)
                driver.get(server.base + "portail/embed/agenda/%s.html?theme=dark&lang=en" % key)
                # The class comes from widget.js; on a loaded machine the first read of the
                # colours once came before the style had caught up (CI, 1 run in ~10).
                direct = wait_until(lambda: (lambda s: s if luminance(s["background"]) < 0.05 else None)(widget_state(driver)), 5) \
                    or widget_state(driver)
                report.check("?theme=dark&lang=en shows the English version with the dark class",
                             direct["versions"] == ["en"] and "widget--dark" in direct["bodyClass"].split()
                             and direct["htmlLang"] == direct["mainLang"], "%s, lang %s" % (direct["bodyClass"], direct["htmlLang"]))
                contrast = ratio(direct["color"], direct["background"])
                report.check("…dark background, text at AA contrast", luminance(direct["background"]) < 0.05 and contrast >= 4.5,
                             "%s on %s, %.1f:1" % (direct["color"], direct["background"], contrast))
                link_ratio = driver.execute_script(
                    "const a = document.querySelector('main:not([hidden]) .event__title a'); return [getComputedStyle(a).color, getComputedStyle(document.body).backgroundColor];")
                report.check("…links at AA contrast too", ratio(*link_ratio) >= 4.5, "%.1f:1" % ratio(*link_ratio))
                driver.get(server.base + "portail/embed/agenda/%s.html?lang=xx&limit=0&theme=neon" % key)
                odd = widget_state(driver)
                report.check("unknown options change nothing: the default version, all events, no theme class",
                             odd["versions"] == state["versions"] and len(odd["ids"]) == len(vevents)
                             and "widget--dark" not in odd["bodyClass"] and "widget--neon" not in odd["bodyClass"],
                             "%s, %d events, %s" % (odd["versions"], len(odd["ids"]), odd["bodyClass"]))
                # Windows have a minimum width: the viewport is emulated.
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": False})
                time.sleep(0.3)
                width = driver.execute_script("return window.innerWidth;")
                overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
                report.check("the widget fits 320 px without sideways scrolling", width == 320 and overflow <= 0,
                             "%d px wide, %d px too wide" % (width, overflow))
                report.no_console_errors("no console error on the widget's own page", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
