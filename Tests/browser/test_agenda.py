#!/usr/bin/env python3
"""The agenda page and its filters (agenda.js), the event pages' calendar link and JSON-LD.

usage: test_agenda.py OUTPUT_DIR

Pages: agenda/index.html (upcoming events by day, filters by region, cinema, type,
accessibility and age, their state in the address), agenda/events/<id>.html, and a copy
of the agenda with its events repeated past 1,000 (in a temporary web root) for the timing.
Expected values come from the built files: the events' data-* attributes in the HTML and
the VEVENTs of agenda.ics and agenda/venues/<key>.ics. See README.md.
"""

import html.parser
import json
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
    Console, LocalServer, Report, crash, ics_events, ics_text_events, make_driver, output_dir_from_argv,
    temporary_folder, tile_hosts, uid_id, wait_for,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PAGE = "agenda/index.html"
# Repeats of the agenda's days in the copy used for the timing (162 events × 7 > 1,000).
REPEATS = 7
BUDGET_MS = 150


# ------------------------------------------------------------------------------ Built files

class _EventParser(html.parser.HTMLParser):
    """The li.event items of a page: their data-* attributes and the id of their page."""

    def __init__(self):
        super().__init__()
        self.events = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "event" in classes:
            self.events.append({
                "region": attrs.get("data-region", ""), "venue": attrs.get("data-venue", ""),
                "type": attrs.get("data-type", ""),
                "accessibility": (attrs.get("data-accessibility") or "").split(),
                "min": attrs.get("data-age-min", ""), "max": attrs.get("data-age-max", ""),
                "cancelled": "event--cancelled" in classes, "id": None,
            })
        elif tag == "h3" and "event__title" in classes:
            self.in_title = True
        elif tag == "a" and self.in_title and self.events and self.events[-1]["id"] is None:
            match = re.search(r"events/([^/]+)\.html$", attrs.get("href") or "")
            self.events[-1]["id"] = match.group(1) if match else None

    def handle_endtag(self, tag):
        if tag == "h3":
            self.in_title = False


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def page_events(output):
    parser = _EventParser()
    parser.feed(read(os.path.join(output, PAGE)))
    return parser.events


def page_config(output):
    match = re.search(r'<script type="application/json" id="agenda-config">(.*?)</script>', read(os.path.join(output, PAGE)), re.S)
    return json.loads(match.group(1))


def age_matches(event, age):
    low = float(event["min"]) if event["min"] else None
    high = float(event["max"]) if event["max"] else None
    return (low is None or age >= low) and (high is None or age <= high)


def status_text(config, shown, total, filtered):
    """What agenda.js writes in #agenda-statut (its strings, the locale's digit grouping)."""
    locale, strings = config["locale"], config["strings"]

    def group(n):
        digits = str(n)
        if len(digits) <= 3:
            return digits
        return re.sub(r"\B(?=(\d{3})+(?!\d))", locale.get("group", ""), digits)

    def singular(n):
        return n == 1 or (n == 0 and locale.get("zeroIsSingular") is True)

    if filtered:
        key = "events_shown_one" if singular(shown) else "events_shown_other"
        return strings[key].replace("{n}", group(shown)).replace("{total}", group(total))
    key = "events_one" if singular(total) else "events_other"
    return strings[key].replace("{n}", group(total))


# ------------------------------------------------------------------------------ In the browser

def shown_ids(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#agenda-jours li.event'))
            .filter((li) => li.getClientRects().length > 0)
            .map((li) => (li.querySelector('.event__title a').getAttribute('href').match(/events\\/([^/]+)\\.html$/) || [])[1]);""")


def days_consistent(driver):
    """Every day shown has a shown event, and every day hidden has none."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#agenda-jours .agenda-day')).every((day) => {
            const shown = day.getClientRects().length > 0;
            const events = Array.from(day.querySelectorAll('li.event')).some((li) => li.getClientRects().length > 0);
            return shown === events;
        });""")


def status(driver):
    return driver.find_element(By.ID, "agenda-statut").text


def choose(driver, name, value):
    Select(driver.find_element(By.CSS_SELECTOR, '#agenda-filtres select[name="%s"]' % name)).select_by_value(value)


def type_age(driver, text):
    field = driver.find_element(By.CSS_SELECTOR, '#agenda-filtres input[name="age"]')
    field.clear()
    if text:
        field.send_keys(text)
    # The field filters after a short pause in the typing.
    time.sleep(0.5)


def load(driver, url):
    driver.get(url)
    return wait_for(driver, "return !document.getElementById('agenda-filtres').hidden;", 10)


def contrast(driver, element):
    """The WCAG contrast ratio of an element's text on the first opaque background behind it."""
    return driver.execute_script("""
        function rgb(text) { const m = text.match(/[\\d.]+/g).map(Number); return m; }
        function lum(c) {
            const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
        }
        let node = arguments[0], bg = null;
        const fg = rgb(getComputedStyle(node).color);
        while (node && !bg) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length < 4 || c[3] > 0) bg = c;
            node = node.parentElement;
        }
        bg = bg || [255, 255, 255];
        const a = lum(fg), b = lum(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);""", element)


# ------------------------------------------------------------------------------ The checks

def check_filters(report, driver, base, output, events, config):
    total = len(events)
    all_ids = [e["id"] for e in events]
    upcoming = ics_events(os.path.join(output, "agenda.ics"))
    print("agenda: %d events on the page, %d in agenda.ics" % (total, len(upcoming)), flush=True)

    report.check("the filter form is shown", load(driver, base + PAGE))
    report.check("the agenda page shows every upcoming event (agenda.ics)",
                 shown_ids(driver) == all_ids and sorted(all_ids) == sorted(uid_id(e["UID"]) for e in upcoming),
                 "%d shown, %d in agenda.ics" % (len(shown_ids(driver)), len(upcoming)))
    report.check("the status line counts them all", status(driver) == status_text(config, total, total, False), status(driver))

    # A cinema: the one with the most upcoming events in its own feed.
    feeds = {}
    for name in os.listdir(os.path.join(output, "agenda", "venues")):
        if name.endswith(".ics"):
            feeds[name[:-4]] = ics_events(os.path.join(output, "agenda", "venues", name))
    offered = driver.execute_script("return Array.from(document.querySelectorAll('#filtre-cinema option'), (o) => o.value).filter(Boolean);")
    venue = max(offered, key=lambda key: (len(feeds.get(key, [])), key))
    feed_ids = [uid_id(e["UID"]) for e in feeds[venue]]
    choose(driver, "venue", venue)
    ids = shown_ids(driver)
    report.check("filtering by a cinema shows exactly the events of its feed (venues/%s.ics)" % venue,
                 sorted(ids) == sorted(feed_ids) and len(ids) == len(feed_ids), "%d shown, %d VEVENT" % (len(ids), len(feed_ids)))
    report.check("…every shown event is at that cinema", driver.execute_script(
        "return Array.from(document.querySelectorAll('#agenda-jours li.event')).filter((li) => li.getClientRects().length > 0)"
        ".every((li) => li.dataset.venue === arguments[0]);", venue))
    report.check("…days left empty are hidden, the others shown", days_consistent(driver))
    report.check("…the status line says how many are shown", status(driver) == status_text(config, len(ids), total, True), status(driver))
    choose(driver, "venue", "")

    # Accessibility: the code among the event's codes.
    expected = [e["id"] for e in events if "vi" in e["accessibility"]]
    choose(driver, "accessibility", "vi")
    ids = shown_ids(driver)
    report.check("filtering by accessibility vi keeps the %d events with that code" % len(expected), ids == expected and expected,
                 "%d shown" % len(ids))
    report.check("…and the days stay consistent", days_consistent(driver))
    choose(driver, "accessibility", "")

    # Age: events whose range holds it, and those without any bound.
    for age in (5, 13):
        expected = [e["id"] for e in events if age_matches(e, age)]
        type_age(driver, str(age))
        ids = shown_ids(driver)
        report.check("age %d keeps the events whose range holds it, and those without one (%d)" % (age, len(expected)),
                     ids == expected and len(expected) < total, "%d shown" % len(ids))
    bounded = [e for e in events if e["min"] or e["max"]]
    report.check("…the example has events with an age range to filter", len(bounded) > 0, "%d" % len(bounded))

    # Several filters at once, and their state in the address.
    combined = [e for e in events if "hi" in e["accessibility"] and age_matches(e, 13)]
    region = combined[0]["region"] if combined else ""
    expected = [e["id"] for e in combined if e["region"] == region]
    choose(driver, "region", region)
    choose(driver, "accessibility", "hi")
    ids = shown_ids(driver)
    report.check("region, accessibility and age combine (AND): %d events" % len(expected), ids == expected and expected, "%d shown" % len(ids))
    query = parse_qs(urlsplit(driver.current_url).query)
    report.check("the address holds the filters", query == {"region": [region], "accessibility": ["hi"], "age": ["13"]}, repr(query))
    address = driver.current_url
    load(driver, base + PAGE)
    report.check("the agenda without parameters shows every event again", len(shown_ids(driver)) == total)
    load(driver, address)
    restored = driver.execute_script(
        "const f = document.getElementById('agenda-filtres');"
        "return [f.elements.region.value, f.elements.venue.value, f.elements.accessibility.value, f.elements.age.value];")
    report.check("reloading that address restores the controls", restored == [region, "", "hi", "13"], repr(restored))
    report.check("…and the same events", shown_ids(driver) == expected, "%d shown" % len(shown_ids(driver)))
    report.check("…and the status line", status(driver) == status_text(config, len(expected), total, True), status(driver))

    # Nothing matches: the message, and a count of zero.
    choose(driver, "venue", next((key for key in offered if not any(e["venue"] == key and e["region"] == region for e in events)), offered[0]))
    nothing = driver.execute_script("const p = document.getElementById('agenda-aucun'); return p && p.getClientRects().length > 0 ? p.textContent : null;")
    report.check("when nothing matches, the page says so", nothing == config["strings"]["agenda_no_match"] and shown_ids(driver) == []
                 and status(driver) == status_text(config, 0, total, True), "%r / %r" % (nothing, status(driver)))

    # Values the page does not offer are dropped from the address.
    load(driver, base + PAGE + "?venue=no-such-cinema&age=abc&other=kept")
    query = parse_qs(urlsplit(driver.current_url).query)
    report.check("unknown values in the address are dropped, other parameters kept", query == {"other": ["kept"]}
                 and len(shown_ids(driver)) == total, repr(query))


def check_cancelled_style(report, driver, base):
    load(driver, base + PAGE)
    link = driver.find_elements(By.CSS_SELECTOR, "li.event--cancelled .event__title a")
    if not report.check("the agenda lists a cancelled event", bool(link)):
        return None
    style = driver.execute_script("return getComputedStyle(arguments[0]).textDecorationLine;", link[0])
    ratio = contrast(driver, link[0])
    report.check("a cancelled event's title is struck through and keeps AA contrast", "line-through" in style and ratio >= 4.5,
                 "%s, %.1f:1" % (style, ratio))
    return link[0].get_attribute("href")


def check_event_pages(report, driver, base, output, events, cancelled_href):
    upcoming = {uid_id(e["UID"]): e["UID"] for e in ics_events(os.path.join(output, "agenda.ics"))}
    event = next(e for e in events if not e["cancelled"])
    driver.get(base + "agenda/events/%s.html" % event["id"])
    links = driver.find_elements(By.CSS_SELECTOR, '.event-page__actions a[href$=".ics"]')
    report.check("an event page has its \"add to my calendar\" link", len(links) == 1 and links[0].text.strip() != "",
                 links[0].text if links else "none")
    if links:
        text = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0].href).then((r) => r.text()).then(done, (e) => done('ERROR ' + e));", links[0])
        vevents = ics_text_events(text)
        report.check("…which returns an iCalendar file", text.startswith("BEGIN:VCALENDAR"), repr(text[:24]))
        report.check("…with one VEVENT, the event's own UID", len(vevents) == 1 and vevents[0].get("UID") == upcoming.get(event["id"]),
                     "%d VEVENT, %s" % (len(vevents), vevents[0].get("UID") if vevents else None))

    if cancelled_href:
        driver.get(cancelled_href)
        data = driver.execute_script(
            "return Array.from(document.querySelectorAll('script[type=\"application/ld+json\"]'), (s) => s.textContent);")
        statuses = []
        for text in data:
            try:
                value = json.loads(text)
            except ValueError:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and item.get("@type") == "Event":
                    statuses.append(item.get("eventStatus"))
        report.check("a cancelled event's page has EventCancelled in its JSON-LD",
                     any(s and s.endswith("EventCancelled") for s in statuses), repr(statuses))
        notice = driver.find_elements(By.CSS_SELECTOR, ".notice--cancelled")
        report.check("…and says so above the date", bool(notice) and notice[0].is_displayed() and contrast(driver, notice[0]) >= 4.5)


def big_agenda(output, root):
    """A copy of the agenda page whose days are repeated, with the portal's assets."""
    page = read(os.path.join(output, PAGE))
    start = page.index('<div class="agenda-days" id="agenda-jours">')
    inner_start = page.index(">", start) + 1
    end = page.index("\n</div>", inner_start)
    inner = page[inner_start:end]
    page = page[:inner_start] + inner * REPEATS + page[end:]
    os.symlink(os.path.join(output, "assets"), os.path.join(root, "assets"))
    os.mkdir(os.path.join(root, "agenda"))
    with open(os.path.join(root, "agenda", "index.html"), "w", encoding="utf-8") as handle:
        handle.write(page)


def check_timing(report, driver, root, events, config):
    venue_counts = {}
    for e in events:
        venue_counts[e["venue"]] = venue_counts.get(e["venue"], 0) + 1
    venue = max(venue_counts, key=lambda key: venue_counts[key])
    total = len(events) * REPEATS
    with LocalServer(root) as server:
        load(driver, server.base + PAGE)
        report.check("the big agenda (%d events) counts them with the locale's digit grouping" % total,
                     status(driver) == status_text(config, total, total, False), status(driver))
        times = []
        for value in (venue, "", venue, ""):
            times.append(driver.execute_script("""
                const select = document.getElementById('filtre-cinema');
                const t0 = performance.now();
                select.value = arguments[0];
                select.dispatchEvent(new Event('change', {bubbles: true}));
                document.body.offsetHeight;  // the layout of the new list
                return performance.now() - t0;""", value))
        report.check("filtering %d events takes under %d ms" % (total, BUDGET_MS), max(times) < BUDGET_MS,
                     ", ".join("%.0f ms" % t for t in times))
        choose(driver, "venue", venue)
        report.check("…and shows the cinema's events of every copy", len(shown_ids(driver)) == venue_counts[venue] * REPEATS,
                     "%d shown" % len(shown_ids(driver)))


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("agenda")
    events = page_events(output)
    config = page_config(output)
    root = temporary_folder("portail-agenda-")
    try:
        big_agenda(output, root)
        hosts = tile_hosts(output)
        with LocalServer(output) as server:
            driver = make_driver(1280, 1000)
            try:
                console = Console(driver, hosts)
                check_filters(report, driver, server.base, output, events, config)
                cancelled = check_cancelled_style(report, driver, server.base)
                check_event_pages(report, driver, server.base, output, events, cancelled)
                report.no_console_errors("no console error on the agenda and event pages", console)
                check_timing(report, driver, root, events, config)
                report.no_console_errors("no console error on the big agenda", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
