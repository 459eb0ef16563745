#!/usr/bin/env python3
"""The catalogue on the home page (catalogue.js): the search without accents or case, the
facets and their counts, the message when nothing matches, the address, and the keyboard.

usage: test_catalogue.py OUTPUT_DIR

Page: index.html, served with the portal's own headers (its Content-Security-Policy).
Expected values come from the page itself: its dataset cards and its #catalogue-config (the
search text of each dataset, its themes, keywords and access). See README.md.
"""

import html
import json
import os
import re
import sys
from urllib.parse import parse_qs, urlsplit

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, fold, make_driver, output_dir_from_argv, site_headers,
    tile_hosts, wait_for,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

FACETS = ("themes", "keywords", "access")
NOTHING = "zqxjkw"  # a word in no dataset's text (checked below)


def read_page(output):
    """(config, cards) of the built home page: #catalogue-config, and the cards in the
    order the server wrote them, each {id, title}."""
    with open(os.path.join(output, "index.html"), encoding="utf-8") as handle:
        text = handle.read()
    config = json.loads(re.search(r'<script type="application/json" id="catalogue-config">(.*?)</script>', text, re.S).group(1))
    cards = []
    for match in re.finditer(r'<li class="dataset-card" data-id="([^"]+)">\s*<h3 class="dataset-card__title"><a [^>]*>(.*?)</a>', text, re.S):
        cards.append({"id": html.unescape(match.group(1)), "title": html.unescape(match.group(2))})
    return config, cards


def expected_for(config, cards, query, ticked=None):
    """Ids of the cards that should stay, in page order: every folded word of the query in
    the dataset's search text, and for each facet with ticked values one of them (OR within
    a facet, AND across facets)."""
    words = fold(query).split()
    ticked = ticked or {}
    by_id = {dataset["id"]: dataset for dataset in config["datasets"]}
    kept = []
    for card in cards:
        dataset = by_id.get(card["id"])
        if dataset is None:
            continue
        if not all(word in dataset.get("search", "") for word in words):
            continue
        if any(values and not set(values) & set(dataset.get(key, [])) for key, values in ticked.items()):
            continue
        kept.append(card["id"])
    return kept


def fill(template, **values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def status_text(config, shown, total, filtered):
    locale, strings = config["locale"], config["strings"]

    def group(n):
        digits = str(n)
        if len(digits) <= 3:
            return digits
        return re.sub(r"\B(?=(\d{3})+(?!\d))", locale.get("group", ""), digits)

    singular = (lambda n: n == 1 or (n == 0 and locale.get("zeroIsSingular") is True))
    if filtered:
        return fill(strings["datasets_shown_one" if singular(shown) else "datasets_shown_other"], n=group(shown), total=group(total))
    return fill(strings["datasets_one" if singular(total) else "datasets_other"], n=group(total))


STATE = """
const cards = Array.from(document.querySelectorAll('#jeux > li.dataset-card'));
const empty = document.getElementById('aucun-resultat');
return {
  shown: cards.filter((c) => !c.hidden && c.offsetParent !== null).map((c) => c.dataset.id),
  hiddenButDisplayed: cards.filter((c) => c.hidden && c.offsetParent !== null).length,
  status: document.getElementById('resultats-statut').textContent,
  empty: Boolean(empty) && !empty.hidden && empty.offsetParent !== null,
  search: location.search,
  value: document.getElementById('recherche').value,
  ticked: Array.from(document.querySelectorAll('#facettes input:checked'), (i) => i.name + '=' + i.value),
};
"""


def state(driver):
    return driver.execute_script(STATE)


def wait_shown(driver, ids, timeout=5):
    """Waits for exactly these cards to be shown (the search waits 150 ms after typing)."""
    return wait_for(driver, "const ids = Array.from(document.querySelectorAll('#jeux > li.dataset-card'))"
                    ".filter((c) => !c.hidden).map((c) => c.dataset.id);"
                    "return ids.join('\\n') === arguments[0];", timeout, 0.05, "\n".join(ids))


def type_query(driver, text):
    field = driver.find_element(By.ID, "recherche")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    if text:
        field.send_keys(text)
    return field


def box_for(driver, name, value):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#facettes input[type=checkbox]'))"
        ".find((i) => i.name === arguments[0] && i.value === arguments[1]) || null;", name, value)


def click_label(driver, box):
    label = driver.find_element(By.CSS_SELECTOR, 'label[for="%s"]' % box.get_attribute("id"))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("catalogue")
    config, cards = read_page(output)
    total = len(cards)
    titles = {card["id"]: card["title"] for card in cards}
    by_id = {dataset["id"]: dataset for dataset in config["datasets"]}
    everything = [card["id"] for card in cards]
    print("home page: %d dataset cards, facets %s" % (total, ", ".join(FACETS)), flush=True)

    headers = site_headers(output)
    with LocalServer(output, headers=headers) as server:
        driver = make_driver(1280, 1000)
        try:
            console = Console(driver, tile_hosts(output))
            home = server.base + "index.html"
            driver.get(home)
            wait_for(driver, "return document.readyState === 'complete';", 10)
            first = state(driver)
            report.check("every card shown on load, status counts them all",
                         first["shown"] == everything and first["status"] == status_text(config, total, total, False),
                         "%d shown, %r" % (len(first["shown"]), first["status"]))
            report.check("address left untouched on load", first["search"] == "", first["search"])

            # 1. The search folds accents and case.
            query = "cinema"
            expected = expected_for(config, cards, query)
            with_title = [card["id"] for card in cards if "cinema" in fold(card["title"])]
            report.check("the example has cards titled \"Cinéma…\" and cards without the word",
                         with_title and len(expected) < total, "%d titled, %d expected of %d" % (len(with_title), len(expected), total))
            type_query(driver, query)
            wait_shown(driver, expected)
            now = state(driver)
            report.check("\"cinema\" finds the datasets whose text holds \"cinéma\" (accents folded)",
                         now["shown"] == expected, "%r vs %r" % (now["shown"], expected))
            report.check("every card titled \"Cinéma…\" is among them",
                         set(with_title) <= set(now["shown"]), ", ".join(titles[i] for i in with_title))
            missing_word = [card["id"] for card in cards if card["id"] not in expected]
            report.check("the others do not hold the word in their text",
                         all("cinema" not in by_id[i]["search"] for i in missing_word), ", ".join(titles[i] for i in missing_word))
            report.check("hidden cards are not displayed", now["hiddenButDisplayed"] == 0, "%d" % now["hiddenButDisplayed"])
            report.check("status line counts the shown cards",
                         now["status"] == status_text(config, len(expected), total, True), repr(now["status"]))
            report.check("address holds the search (?q=cinema)", parse_qs(urlsplit(driver.current_url).query).get("q") == [query],
                         driver.current_url)

            type_query(driver, "CINÉMA")
            wait_for(driver, "return location.search.indexOf('CIN') !== -1;", 5)
            wait_shown(driver, expected)
            report.check("\"CINÉMA\" (capitals, accent) gives the same cards", state(driver)["shown"] == expected,
                         "%r" % state(driver)["shown"])

            two = "Cinémas ACTIFS"
            expected_two = expected_for(config, cards, two)
            type_query(driver, two)
            wait_shown(driver, expected_two)
            report.check("two words must both match (%r: %s)" % (two, ", ".join(titles[i] for i in expected_two)),
                         state(driver)["shown"] == expected_two and 0 < len(expected_two) < len(expected),
                         "%r" % state(driver)["shown"])

            # 2. Nothing matches: the empty message, and a status of 0.
            report.check("%r is in no dataset's text" % NOTHING, not expected_for(config, cards, NOTHING))
            type_query(driver, NOTHING)
            wait_shown(driver, [])
            now = state(driver)
            report.check("a query that matches nothing hides every card and shows the empty message",
                         now["shown"] == [] and now["empty"], repr(now)[:200])
            report.check("status line reads 0 of all", now["status"] == status_text(config, 0, total, True), repr(now["status"]))
            type_query(driver, "")
            wait_shown(driver, everything)
            now = state(driver)
            report.check("clearing the search brings every card back, the message goes, the address is clean",
                         now["shown"] == everything and not now["empty"] and now["search"] == ""
                         and now["status"] == status_text(config, total, total, False), repr(now)[:200])

            # 3. Facets: counts, then OR within a facet and AND across facets.
            options = driver.execute_script("""
                return Array.from(document.querySelectorAll('#facettes fieldset'), (f) => ({
                  legend: f.querySelector('legend').textContent,
                  items: Array.from(f.querySelectorAll('li'), (li) => {
                    const input = li.querySelector('input'), label = input.id && document.querySelector('label[for="' + input.id + '"]');
                    return {name: input.name, value: input.value, labelled: Boolean(label && label.textContent.trim()),
                            count: label ? (label.querySelector('.count') || {}).textContent : null};
                  }),
                }));""")
            names = sorted({item["name"] for group in options for item in group["items"]})
            report.check("facets offered: %s" % ", ".join(names), names and set(names) <= set(FACETS), repr(names))
            report.check("every facet checkbox has its label", all(item["labelled"] for group in options for item in group["items"]))
            wrong = []
            for group in options:
                for item in group["items"]:
                    n = sum(1 for card in cards if item["value"] in by_id[card["id"]].get(item["name"], []))
                    if item["count"] != "(%d)" % n:
                        wrong.append("%s=%s %s vs (%d)" % (item["name"], item["value"], item["count"], n))
            report.check("each value's count is the number of datasets that have it", not wrong, "; ".join(wrong[:5]))

            def counted(name):
                return [item for group in options for item in group["items"] if item["name"] == name]

            themes = sorted(counted("themes"), key=lambda item: (-int(item["count"].strip("()")), item["value"]))
            for item in themes[:2]:
                wanted = expected_for(config, cards, "", {"themes": [item["value"]]})
                box = box_for(driver, "themes", item["value"])
                click_label(driver, box)
                wait_shown(driver, wanted)
                now = state(driver)
                report.check("ticking theme %r keeps its %s datasets" % (item["value"], item["count"]),
                             now["shown"] == wanted and "(%d)" % len(wanted) == item["count"], "%r" % now["shown"])
                click_label(driver, box)
                wait_shown(driver, everything)
            both = [item["value"] for item in themes[:2]]
            for value in both:
                click_label(driver, box_for(driver, "themes", value))
            wanted = expected_for(config, cards, "", {"themes": both})
            wait_shown(driver, wanted)
            report.check("two themes: either one (OR)", state(driver)["shown"] == wanted, "%r" % state(driver)["shown"])
            access = sorted(counted("access"), key=lambda item: int(item["count"].strip("()")))[0]
            click_label(driver, box_for(driver, "access", access["value"]))
            wanted_and = expected_for(config, cards, "", {"themes": both, "access": [access["value"]]})
            wait_shown(driver, wanted_and)
            now = state(driver)
            report.check("and an access value: both facets (AND)", now["shown"] == wanted_and and len(wanted_and) < len(wanted),
                         "%r" % now["shown"])
            report.check("status line counts them", now["status"] == status_text(config, len(wanted_and), total, True), repr(now["status"]))
            type_query(driver, NOTHING)
            wait_shown(driver, [])
            report.check("search and facets combine (nothing left: the empty message)", state(driver)["empty"])
            type_query(driver, "")
            wait_shown(driver, wanted_and)

            # 4. The address: ?q=…&themes=…&access=…, restored on reload; other parameters kept.
            type_query(driver, "cinéma")
            wanted_all = expected_for(config, cards, "cinéma", {"themes": both, "access": [access["value"]]})
            wait_for(driver, "return new URLSearchParams(location.search).get('q') === 'cinéma';", 5)
            wait_shown(driver, wanted_all)
            params = parse_qs(urlsplit(driver.current_url).query)
            report.check("address holds the search and the ticked values",
                         params.get("q") == ["cinéma"] and sorted(params.get("themes", [])) == sorted(both)
                         and params.get("access") == [access["value"]], driver.current_url)
            address = driver.current_url
            driver.get(address + "&autre=1")
            wait_shown(driver, wanted_all)
            now = state(driver)
            report.check("opening that address restores the field, the boxes and the cards",
                         now["value"] == "cinéma" and sorted(now["ticked"]) == sorted(["themes=" + v for v in both] + ["access=" + access["value"]])
                         and now["shown"] == wanted_all and now["status"] == status_text(config, len(wanted_all), total, True),
                         repr(now)[:300])
            report.check("an unknown parameter of the address is kept", "autre=1" in now["search"], now["search"])
            driver.get(home + "?themes=" + both[0] + "&themes=Inconnu")
            wanted = expected_for(config, cards, "", {"themes": [both[0]]})
            wait_shown(driver, wanted)
            report.check("a theme the page does not offer is ignored", state(driver)["shown"] == wanted, "%r" % state(driver)["shown"])

            # 5. The keyboard: a labelled search field in a search landmark, Enter stays on the
            # page, Tab reaches the facets and Space ticks a box.
            driver.get(home)
            wait_for(driver, "return document.readyState === 'complete';", 10)
            labelled = driver.execute_script("""
                const input = document.getElementById('recherche');
                const label = input.labels && input.labels[0];
                return {label: label ? label.textContent.trim() : '', form: input.form && input.form.getAttribute('role'),
                        type: input.type};""")
            report.check("the search field is labelled (<label for>), in a role=search form",
                         labelled["label"] != "" and labelled["form"] == "search" and labelled["type"] == "search", repr(labelled))
            role = driver.execute_script("const s = document.getElementById('resultats-statut'); return s.getAttribute('role') + ' ' + s.getAttribute('aria-live');")
            report.check("the status line is a polite live region (role=status)", role == "status polite", role)
            driver.execute_script("window.__stillHere = true;")
            field = driver.find_element(By.ID, "recherche")
            field.click()
            field.send_keys("cinema" + Keys.ENTER)
            wait_shown(driver, expected)
            report.check("Enter in the field filters at once without leaving the page",
                         driver.execute_script("return window.__stillHere === true;") and state(driver)["shown"] == expected)
            field.send_keys(Keys.TAB)
            summary = driver.execute_script("const a = document.activeElement; return a && a.tagName === 'SUMMARY' && a.parentElement.id === 'facettes' && a.parentElement.open;")
            report.check("Tab from the field goes to the facets' disclosure (open on a wide screen)", summary is True, repr(summary))
            driver.switch_to.active_element.send_keys(Keys.TAB)
            focused = driver.execute_script("const a = document.activeElement; return a && a.closest('#facettes') ? a.name + '=' + a.value : (a && a.id);")
            first_box = options[0]["items"][0]
            report.check("the next Tab goes to the first facet box", focused == "%s=%s" % (first_box["name"], first_box["value"]), repr(focused))
            driver.switch_to.active_element.send_keys(Keys.SPACE)
            wanted = expected_for(config, cards, "cinema", {first_box["name"]: [first_box["value"]]})
            wait_shown(driver, wanted)
            report.check("Space ticks the focused box and filters", state(driver)["shown"] == wanted
                         and ("%s=%s" % (first_box["name"], first_box["value"])) in state(driver)["ticked"], "%r" % state(driver)["shown"])
            report.no_console_errors("no console error on the catalogue (with the site's Content-Security-Policy)", console)
        except Exception as error:  # noqa: BLE001 — any crash is a failed check
            crash(report, error)
        finally:
            driver.quit()
        check_phone(report, server.base, output)
    return report.finish()


def check_phone(report, base, output):
    """On a phone the facets start folded, so the datasets come first; the disclosure opens
    from the keyboard, and an address that ticks a facet opens it."""
    driver = make_driver(375, 800, mobile=True)
    try:
        console = Console(driver, tile_hosts(output))
        driver.get(base + "index.html")
        wait_for(driver, "return document.readyState === 'complete';", 10)
        folded = driver.execute_script("""const d = document.getElementById('facettes');
            const first = document.querySelector('#jeux > li');
            return {open: d.open, cardTop: Math.round(first.getBoundingClientRect().top),
                    facetsBottom: Math.round(d.getBoundingClientRect().bottom)};""")
        report.check("at 375 px the facets start folded, and the datasets follow them at once",
                     folded["open"] is False and folded["cardTop"] - folded["facetsBottom"] < 150, repr(folded))
        summary = driver.find_element(By.CSS_SELECTOR, "#facettes > summary")
        summary.send_keys(Keys.ENTER)
        report.check("Enter on the disclosure unfolds the facets",
                     driver.execute_script("return document.getElementById('facettes').open;") is True)
        box = driver.execute_script("const b = document.querySelector('#facettes input[type=checkbox]'); return b.name + '=' + encodeURIComponent(b.value);")
        driver.get(base + "index.html?" + box)
        wait_for(driver, "return document.readyState === 'complete';", 10)
        report.check("an address that ticks a facet opens them", driver.execute_script(
            "return document.getElementById('facettes').open;") is True, box)
        report.no_console_errors("no console error on a phone", console)
    except Exception as error:  # noqa: BLE001 — any crash is a failed check
        crash(report, error)
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
