#!/usr/bin/env python3
"""The form that proposes an agenda event (contribute.js): checks in the browser, and the
JSON entry it offers by e-mail and as a file, or sends to an endpoint.

usage: test_contribute.py OUTPUT_DIR

Page: agenda/contribuer.html, as built (the example content has no endpoint), and a copy of
it in a temporary web root whose #contribute-config names an endpoint, where window.fetch is
replaced by a stub (nothing leaves the machine). Expected values come from the page's
#contribute-config. See README.md.
"""

import json
import os
import re
import shutil
import sys
from urllib.parse import parse_qs, unquote, urlsplit

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, make_driver, output_dir_from_argv, temporary_folder,
    tile_hosts, wait_for,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PAGE = "agenda/contribuer.html"
VENUES = "agenda/venues.json"
VENUE = "814"
# The suggestion of VENUE, read from the output's venues.json (set by main).
VENUE_LABEL = [""]
ENDPOINT = "https://contributions.invalid/agenda"

TITLE = "Ciné-débat : « L’Été de Noël » & rencontre"
START = "2026-12-05T20:30"
END = "2026-12-05T22:45"
EXPECTED_ID = "2026-12-05-cine-debat-l-ete-de-noel-rencontre"


def read_page(output):
    with open(os.path.join(output, PAGE), encoding="utf-8") as handle:
        return handle.read()


def page_config(text):
    match = re.search(r'<script type="application/json" id="contribute-config">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def field(config, name):
    return next(f for f in config["fields"] if f["name"] == name)


def set_value(driver, name, value):
    """Writes a control's value as a person would end up with it, then says it changed."""
    driver.execute_script("""
        const control = document.querySelector('#contribution [name="' + arguments[0] + '"]');
        control.value = arguments[1];
        control.dispatchEvent(new Event('input', {bubbles: true}));
        control.dispatchEvent(new Event('change', {bubbles: true}));""", name, value)


def submit(driver):
    """Submits the form and waits for it to settle: a submit that comes before the places
    list (agenda/venues.json) waits for it, marked busy with aria-disabled, and so does a send."""
    driver.find_element(By.CSS_SELECTOR, '#contribution button[type="submit"]').click()
    wait_for(driver, "return !document.querySelector('#contribution button[type=\"submit\"]')"
                     ".hasAttribute('aria-disabled');", 10)


def errors(driver):
    """{field name: (message, control aria-invalid, aria-describedby names the message)} of
    the messages shown."""
    entries = driver.execute_script("""
        return Array.from(document.querySelectorAll('#contribution .contribute__field')).map((box) => {
            const error = box.querySelector('.contribute__error');
            if (!error || error.hidden || error.getClientRects().length === 0) return null;
            const control = box.querySelector('input, select, textarea');
            const described = box.querySelector('fieldset') || control;
            const ids = (described.getAttribute('aria-describedby') || '').split(/\\s+/);
            return [box.dataset.field, error.textContent, control.getAttribute('aria-invalid'), ids.includes(error.id)];
        }).filter(Boolean);""")
    return {name: (message, invalid, described) for name, message, invalid, described in entries}


def focused_name(driver):
    return driver.execute_script("return document.activeElement ? document.activeElement.name || document.activeElement.id : null;")


def read_venues(output):
    with open(os.path.join(output, VENUES), encoding="utf-8") as handle:
        return json.load(handle)["venues"]


def venue_label(venues, key):
    """The suggestion a place is offered as: "name – city (region)", with " [id]" when two
    places would read the same."""
    def label(place):
        text = " – ".join(part for part in (place["name"], place.get("city")) if part)
        return " ".join((text + (" (%s)" % place["region"] if place.get("region") else "")).split())
    place = next(v for v in venues if v["id"] == key)
    same = sum(1 for v in venues if label(v) == label(place))
    return label(place) + (" [%s]" % key if same > 1 else "")


def type_into(driver, name, text):
    """Types into a text control as a person does (focus, keys), after emptying it."""
    control = driver.find_element(By.CSS_SELECTOR, '#contribution [name="%s"]' % name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", control)
    control.click()
    control.clear()
    control.send_keys(text)


def fill_valid(driver):
    set_value(driver, "title", TITLE)
    set_value(driver, "start", START)
    set_value(driver, "end", END)
    type_into(driver, "venue", VENUE_LABEL[0])
    set_value(driver, "keywords", " débat ,  jeunesse, ")
    for code in ("hi", "vi"):
        box = driver.find_element(By.CSS_SELECTOR, '#contribution input[name="accessibility"][value="%s"]' % code)
        if not box.is_selected():
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            driver.find_element(By.CSS_SELECTOR, 'label[for="%s"]' % box.get_attribute("id")).click()
    number = driver.find_element(By.CSS_SELECTOR, '#contribution input[name="age_min"]')
    number.clear()
    number.send_keys("8")
    set_value(driver, "url", "https://cinema.example/evenements/noel")
    Select(driver.find_element(By.CSS_SELECTOR, '#contribution select[name="status"]')).select_by_value("scheduled")


def expected_document(config):
    events = {
        config["key"]: EXPECTED_ID, "title": TITLE, "start": START, "end": END, "venue": VENUE,
        "keywords": "débat, jeunesse", "url": "https://cinema.example/evenements/noel",
        "accessibility": "hi" + field(config, "accessibility")["separator"] + " vi", "age_min": "8", "status": "scheduled",
    }
    order = [f["name"] for f in config["fields"]]
    ordered = {name: events[name] for name in sorted(events, key=order.index)}
    return {"portail": "agenda-contribution", "version": 1, "dataset": config["dataset"], "events": [ordered]}


def result(driver):
    return driver.execute_script("""
        const box = document.getElementById('contribution-resultat');
        const mail = box.querySelector('a[href^="mailto:"]');
        const file = box.querySelector('a[download]');
        return {text: box.querySelector('p') ? box.querySelector('p').textContent : '',
                live: box.getAttribute('aria-live'),
                mail: mail ? mail.getAttribute('href') : null,
                file: file ? file.getAttribute('href') : null, name: file ? file.getAttribute('download') : null};""")


def blob_text(driver, url):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then((r) => r.text()).then(done, (e) => done('ERROR ' + e));", url)


def check_form(report, driver, base, config, venues):
    strings = config["strings"]
    driver.get(base + PAGE)
    wait_for(driver, "return document.readyState === 'complete';", 10)
    required = [f["name"] for f in config["fields"] if f["required"] and f["name"] != config["key"]]

    # 1. The empty form.
    submit(driver)
    shown = errors(driver)
    report.check("an empty form shows the required-field message on each required field (%s)" % ", ".join(required),
                 sorted(shown) == sorted(required) and all(m == strings["contribute_required"] for m, _, _ in shown.values()), repr(shown))
    report.check("…each control is aria-invalid and names its message in aria-describedby",
                 shown and all(invalid == "true" and described for _, invalid, described in shown.values()))
    report.check("…the first one has the focus", focused_name(driver) == required[0], repr(focused_name(driver)))
    key_box = driver.execute_script("const c = document.querySelector('#contribution [name=\"' + arguments[0] + '\"]');"
                                    "return c ? [c.required, c.closest('.contribute__field').querySelector('.required').getClientRects().length] : null;",
                                    config["key"])
    report.check("the key field (%s) may stay empty: not marked required" % config["key"], key_box in (None, [False, 0]), repr(key_box))
    described = driver.execute_script("return document.getElementById('champ-venue').getAttribute('aria-describedby');")
    report.check("…and a field's help stays in its aria-describedby next to the message",
                 described and "champ-venue-aide" in described.split(), repr(described))

    # 2. Fixing a field takes its message away.
    set_value(driver, "title", TITLE)
    report.check("a message goes as soon as its field is right", "title" not in errors(driver), repr(sorted(errors(driver))))

    # 3. The place field suggests every place of venues.json, once the form is used.
    wait_for(driver, "return document.getElementById('champ-venue').list.options.length > 0;", 10)
    suggestions = driver.execute_script(
        "return Array.from(document.getElementById('champ-venue').list.options, (o) => o.value);")
    report.check("the place field suggests every place of %s (%d), as \"name – city (region)\"" % (VENUES, len(venues)),
                 len(suggestions) == len(venues) and VENUE_LABEL[0] in suggestions and len(set(suggestions)) == len(suggestions),
                 "%d suggestions, %r" % (len(suggestions), suggestions[:2]))
    type_into(driver, "venue", "Cinéma qui n’existe pas")
    submit(driver)
    shown = errors(driver)
    report.check("a place that is not in the list is refused with its own message",
                 shown.get("venue", ("",))[0] == strings["contribute_place_unknown"], repr(shown.get("venue")))
    for typed in (VENUE, VENUE_LABEL[0].upper()):
        type_into(driver, "venue", typed)
        report.check("…its message goes once the place is right (%r)" % typed, "venue" not in errors(driver), repr(errors(driver).get("venue")))

    # 4. A valid entry: the JSON by e-mail and as a file.
    fill_valid(driver)
    submit(driver)
    expected = expected_document(config)
    state = result(driver)
    report.check("a valid entry leaves no message", errors(driver) == {}, repr(errors(driver)))
    report.check("without an endpoint it is ready to send (polite live region)",
                 state["text"] == strings["contribute_ready"] and state["live"] == "polite", state["text"])
    body = None
    if state["mail"]:
        parts = urlsplit(state["mail"])
        query = parse_qs(parts.query)
        report.check("the mailto link goes to the portal's address with the subject",
                     parts.scheme == "mailto" and unquote(parts.path) == config["email"]
                     and query.get("subject") == [strings["contribute_mail_subject"]], state["mail"][:120])
        report.check("…and stays short enough for mail programs", len(state["mail"]) <= 2000, "%d characters" % len(state["mail"]))
        body = query.get("body", [""])[0]
    try:
        mailed = json.loads(body) if body else None
    except ValueError:
        mailed = None
    report.check("…its body is the JSON entry", mailed == expected, repr(mailed)[:300])
    report.check("the file is named <dataset>-<id>.json", state["name"] == "%s-%s.json" % (config["dataset"], EXPECTED_ID), repr(state["name"]))
    text = blob_text(driver, state["file"]) if state["file"] else ""
    try:
        downloaded = json.loads(text)
    except ValueError:
        downloaded = None
    report.check("…and holds the JSON entry: id made from the start and title, values as the CSV stores them",
                 downloaded == expected and list(downloaded["events"][0]) == list(expected["events"][0]),
                 text[:300] if downloaded != expected else "")

    # 5. A given id is kept; a wrong URL and an end before the start are refused.
    set_value(driver, config["key"], "mon evenement")
    set_value(driver, "url", "pas une adresse")
    set_value(driver, "end", "2026-12-05T19:00")
    submit(driver)
    shown = errors(driver)
    report.check("an end before the start is refused on the end field",
                 shown.get("end", ("",))[0] == strings["contribute_end_before_start"], repr(shown.get("end")))
    report.check("a wrong URL and an id with a space are invalid",
                 shown.get("url", ("",))[0] == strings["contribute_invalid"] and shown.get(config["key"], ("",))[0] == strings["contribute_invalid"],
                 repr(shown))
    report.check("…the first of them has the focus, and no result is offered",
                 focused_name(driver) == config["key"] and result(driver)["file"] is None, repr(focused_name(driver)))
    set_value(driver, config["key"], "ev-2026-9999")
    set_value(driver, "url", "")
    set_value(driver, "end", END)
    submit(driver)
    state = result(driver)
    downloaded = json.loads(blob_text(driver, state["file"])) if state["file"] else {}
    report.check("a given id is kept as it is", state["name"] == "%s-ev-2026-9999.json" % config["dataset"]
                 and downloaded.get("events", [{}])[0].get(config["key"]) == "ev-2026-9999"
                 and "url" not in downloaded["events"][0], repr(state["name"]))

    # 6. A long description: the mailto link stays openable, the file holds everything.
    long_text = ("Une très longue présentation de la séance, avec des accents et des « guillemets ». " * 40).strip()
    set_value(driver, "description", long_text)
    submit(driver)
    state = result(driver)
    downloaded = json.loads(blob_text(driver, state["file"])) if state["file"] else {}
    report.check("a long entry keeps a short mailto link (the file is to be attached) and the whole text in the file",
                 state["mail"] and len(state["mail"]) <= 2000
                 and downloaded.get("events", [{}])[0].get("description") == long_text,
                 "%d characters" % len(state["mail"] or ""))
    set_value(driver, "description", "")


def with_endpoint(output, root):
    """A copy of the form whose configuration names an endpoint, with the portal's assets."""
    text = read_page(output)
    config = page_config(text)
    config["endpoint"] = ENDPOINT
    text = re.sub(r'(<script type="application/json" id="contribute-config">)(.*?)(</script>)',
                  lambda m: m.group(1) + json.dumps(config, ensure_ascii=False).replace("</", "<\\/") + m.group(3), text, flags=re.S)
    os.symlink(os.path.join(output, "assets"), os.path.join(root, "assets"))
    os.mkdir(os.path.join(root, "agenda"))
    os.symlink(os.path.join(output, VENUES), os.path.join(root, VENUES))
    with open(os.path.join(root, PAGE), "w", encoding="utf-8") as handle:
        handle.write(text)


STUB = """
    const ok = arguments[0], endpoint = arguments[1];
    const real = window.__realFetch || (window.__realFetch = window.fetch);
    window.__posts = [];
    window.fetch = (url, options) => {
        if (String(url) !== endpoint) return real(url, options);
        window.__posts.push({url: String(url), method: options.method, type: options.headers['Content-Type'], body: options.body});
        return ok ? Promise.resolve(new Response('{}', {status: 201}))
                            : Promise.reject(new TypeError('Failed to fetch'));
    };"""


def check_endpoint(report, driver, root, config):
    strings = config["strings"]
    with LocalServer(root) as server:
        driver.get(server.base + PAGE)
        wait_for(driver, "return document.readyState === 'complete';", 10)
        driver.execute_script(STUB, True, ENDPOINT)
        fill_valid(driver)
        submit(driver)
        wait_for(driver, "return document.getElementById('contribution-resultat').textContent !== '';", 5)
        posts = driver.execute_script("return window.__posts;")
        sent = json.loads(posts[0]["body"]) if posts else None
        report.check("with an endpoint, the entry is POSTed there as application/json",
                     len(posts) == 1 and posts[0]["url"] == ENDPOINT and posts[0]["method"] == "POST"
                     and posts[0]["type"] == "application/json" and sent == expected_document(config), repr(posts)[:300])
        state = result(driver)
        report.check("…and the page thanks the contributor", state["text"] == strings["contribute_sent"] and state["file"] is None, state["text"])

        driver.execute_script(STUB, False, ENDPOINT)
        fill_valid(driver)
        submit(driver)
        wait_for(driver, "return !!document.querySelector('#contribution-resultat a[download]');", 5)
        state = result(driver)
        downloaded = json.loads(blob_text(driver, state["file"])) if state["file"] else None
        report.check("when sending fails, it says so and offers the e-mail and the file",
                     state["text"] == strings["contribute_send_failed"] and state["mail"] and downloaded == expected_document(config),
                     state["text"])


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("contribute")
    config = page_config(read_page(output))
    venues = read_venues(output)
    VENUE_LABEL[0] = venue_label(venues, VENUE)
    print("form of %s: %d fields, endpoint %r" % (config["dataset"], len(config["fields"]), config["endpoint"]), flush=True)
    root = temporary_folder("portail-contribute-")
    try:
        with_endpoint(output, root)
        hosts = tile_hosts(output)
        with LocalServer(output) as server:
            driver = make_driver(1280, 1000)
            try:
                console = Console(driver, hosts)
                check_form(report, driver, server.base, config, venues)
                check_endpoint(report, driver, root, config)
                report.no_console_errors("no console error on the form", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
