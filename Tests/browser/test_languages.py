#!/usr/bin/env python3
"""The English pages of a portal with `languages: [fr, en]`: the language switch from the
keyboard both ways, the scripts in the page's language (the table's numbers and status, the
catalogue's and the agenda's counts) and their data loaded from the shared files.

usage: test_languages.py OUTPUT_DIR

Pages: index.html and en/index.html, en/datasets/<id>/index.html (the English dataset page
with the longest table of numbers), en/agenda/index.html. Expected texts come from the
pages' own configurations (#table-config, #catalogue-config, #agenda-config). Without an
en/ folder (a portal in one language), the test says so and checks nothing.
"""

import json
import os
import re
import sys

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, make_driver, output_dir_from_argv, site_headers, tile_hosts, wait_for,
)
from selenium.webdriver.common.keys import Keys  # noqa: E402

ACTIVE = """
const a = document.activeElement;
return a ? {tag: a.tagName, text: a.textContent.trim(), lang: a.getAttribute('lang'), href: a.getAttribute('href'),
            outline: getComputedStyle(a).outlineStyle, inSwitch: Boolean(a.closest('.language-switch'))} : null;
"""


def read(output, path):
    with open(os.path.join(output, path), encoding="utf-8") as handle:
        return handle.read()


def config(text, element_id):
    match = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % element_id, text, re.S)
    return json.loads(match.group(1)) if match else None


def table_page(output):
    """(path, config) of the English dataset page with the longest table of numbers (its
    counts need digit grouping), or (None, None)."""
    folder = os.path.join(output, "en", "datasets")
    best = (None, None)
    for name in sorted(os.listdir(folder)):
        path = "en/datasets/%s/index.html" % name
        found = config(read(output, path), "table-config")
        if found and found["rowCount"] > found["pageSize"] and any(c["type"] in ("integer", "number") for c in found["columns"]) \
                and (best[1] is None or found["rowCount"] > best[1]["rowCount"]):
            best = (path, found)
    return best


def tab_to_switch(driver, limit=30):
    """Tabs from the top of the page to the language switch; its link, or None."""
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    for _ in range(limit):
        active = driver.execute_script(ACTIVE)
        if active and active["inSwitch"]:
            return active
        driver.switch_to.active_element.send_keys(Keys.TAB)
    return None


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("languages")
    if not os.path.isdir(os.path.join(output, "en")):
        print("no en/ folder: the portal has one interface language, nothing to check", flush=True)
        return report.finish()
    dataset_path, table = table_page(output)
    catalogue = config(read(output, "en/index.html"), "catalogue-config")
    print("English pages: en/index.html, %s, en/agenda/index.html" % dataset_path, flush=True)

    with LocalServer(output, headers=site_headers(output)) as server:
        driver = make_driver(1280, 1000)
        try:
            console = Console(driver, tile_hosts(output))

            # 1. The switch, from the keyboard: "English" on the French home page, "Français" back.
            driver.get(server.base + "index.html")
            wait_for(driver, "return document.readyState === 'complete';", 10)
            link = tab_to_switch(driver)
            report.check("the French home page's switch is reached with Tab", link is not None, repr(link))
            if link:
                report.check("it reads \"English\", marked lang=\"en\"", link["text"] == "English" and link["lang"] == "en", repr(link))
                report.check("it shows where the focus is", link["outline"] not in ("none", ""), link["outline"])
                driver.switch_to.active_element.send_keys(Keys.ENTER)
                wait_for(driver, "return location.pathname.endsWith('/en/') && document.readyState === 'complete';", 10)
                report.check("Enter opens the English home page", driver.current_url == server.base + "en/", driver.current_url)
            report.check("its <html> is lang=\"en\"", driver.execute_script("return document.documentElement.lang;") == "en",
                         driver.execute_script("return document.documentElement.lang;"))
            total = len(catalogue["datasets"])
            status = driver.execute_script("return document.getElementById('resultats-statut').textContent;")
            expected = catalogue["strings"]["datasets_one" if total == 1 else "datasets_other"].replace("{n}", str(total))
            report.check("the catalogue's status is English (%r)" % expected, status == expected, repr(status))
            back = tab_to_switch(driver)
            report.check("the English page's switch reads \"Français\", lang=\"fr\"",
                         back is not None and back["text"] == "Français" and back["lang"] == "fr", repr(back))
            if back:
                driver.switch_to.active_element.send_keys(Keys.ENTER)
                wait_for(driver, "return !location.pathname.includes('/en/') && document.readyState === 'complete';", 10)
                report.check("Enter goes back to the French home page", driver.current_url == server.base,
                             driver.current_url)
            report.no_console_errors("no console error on the home pages", console)

            # 2. The table of an English dataset page: rows from the shared chunks, English numbers.
            report.check("an English dataset page has a table of several pages", dataset_path is not None)
            if dataset_path:
                driver.get(server.base + dataset_path)
                wait_for(driver, "return window.PortailTable && PortailTable.complete && !PortailTable.failed;", 20)
                driver.execute_script("document.querySelector('.pager [data-page=\"next\"]').click();")
                wait_for(driver, "return /^Page 2 /.test(document.getElementById('table-position').textContent);", 20)
                state = driver.execute_script("""
                    const numeric = Array.from(document.querySelectorAll('#table-donnees tbody td.numeric'), (td) => td.textContent);
                    return {status: document.getElementById('table-statut').textContent,
                            position: document.getElementById('table-position').textContent, numeric};""")
                size = table["pageSize"]
                count = "{:,}".format(table["rowCount"])
                expected = table["strings"]["table_status"].replace("{from}", str(size + 1)) \
                    .replace("{to}", str(2 * size)).replace("{count}", count)
                report.check("page 2's status is English, with English digit grouping (%r)" % expected,
                             state["status"] == expected, repr(state["status"]))
                numbers = [n for n in state["numeric"] if n]
                report.check("numbers are written the English way (no French space or decimal comma)",
                             numbers and all(re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", n) for n in numbers),
                             repr(numbers[:8]))
                report.no_console_errors("no console error on %s (chunks loaded from the shared folder)" % dataset_path, console)

            # 3. The agenda's filters in English.
            if os.path.isfile(os.path.join(output, "en", "agenda", "index.html")):
                agenda = config(read(output, "en/agenda/index.html"), "agenda-config")
                driver.get(server.base + "en/agenda/index.html")
                wait_for(driver, "return document.readyState === 'complete' && !document.getElementById('agenda-filtres').hidden;", 10)
                status = driver.execute_script("return document.getElementById('agenda-statut').textContent;")
                pattern = re.escape(agenda["strings"]["events_other"]).replace(r"\{n\}", r"[\d,]+")
                report.check("the agenda's status is English", re.fullmatch(pattern, status) is not None, repr(status))
                report.no_console_errors("no console error on en/agenda/index.html", console)
        except Exception as error:  # noqa: BLE001 (reported as a failed check)
            crash(report, error)
        finally:
            driver.quit()
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
