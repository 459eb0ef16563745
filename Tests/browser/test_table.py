#!/usr/bin/env python3
"""The table of a dataset page (table.js): sorting a numeric column both ways, a column
filter and its status line, paging and the page size; and the page's section navigation
from the keyboard.

usage: test_table.py OUTPUT_DIR [--dataset ID] [--sort NAME] [--filter NAME]

Defaults: datasets/cinemas-actifs/ (2,061 cinemas), sorted by its seats column ("seats",
"Fauteuils"), filtered on "commune". Served with the portal's own headers (its
Content-Security-Policy). Expected values come from the built CSV export (';'-separated,
with a byte-order mark) and the page's #table-config. See README.md.
"""

import argparse
import collections
import csv
import io
import math
import os
import re
import sys

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, fold, make_driver, site_headers, table_config,
    tile_hosts, wait_for,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


def read_csv(output, dataset):
    """(field names, rows as dicts) of the server's CSV export."""
    with open(os.path.join(output, "datasets", dataset, dataset + ".csv"), encoding="utf-8", newline="") as handle:
        text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    rows = list(reader)
    return reader.fieldnames, rows


def number(text):
    """A number as the CSV or the table writes it: grouping spaces (any kind) away, a decimal
    comma read as a point. None for an empty cell."""
    text = re.sub(r"\s", "", text.replace("\u202f", "").replace("\u00a0", ""))
    if text == "":
        return None
    text = text.replace(",", ".")
    return float(text) if "." in text or "e" in text.lower() else int(text)


def group(n, separator):
    digits = str(n)
    return re.sub(r"\B(?=(\d{3})+(?!\d))", separator, digits) if len(digits) > 3 else digits


def fill(template, **values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def wait_loaded(driver):
    return wait_for(driver, "return window.PortailTable && PortailTable.complete && !PortailTable.failed;", 20)


PAGE = """
const rows = Array.from(document.querySelectorAll('#table-donnees tbody tr'));
return {
  cells: rows.map((tr) => [tr.children[arguments[0]].textContent, tr.children[arguments[1]].textContent]),
  status: document.getElementById('table-statut').textContent,
  position: document.getElementById('table-position').textContent,
  disabled: Array.from(document.querySelectorAll('nav.pager button[data-page]')).filter((b) => b.disabled).map((b) => b.dataset.page),
  search: location.search,
};
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("output")
    parser.add_argument("--dataset", default="cinemas-actifs")
    parser.add_argument("--sort", default="seats")
    parser.add_argument("--filter", default="commune")
    args = parser.parse_args()
    output = os.path.abspath(args.output)
    report = Report("table")

    config = table_config(output, os.path.join("datasets", args.dataset, "index.html"))
    names = [column["name"] for column in config["columns"]]
    key_name = names[config["key"]]
    sort_c, filter_c, key_c = names.index(args.sort), names.index(args.filter), config["key"]
    sort_title = config["columns"][sort_c]["title"]
    separator = config["locale"].get("group", "")
    strings = config["strings"]
    size = config["pageSize"]
    fields, rows = read_csv(output, args.dataset)
    n = len(rows)
    ids = [row[key_name] for row in rows]
    seats = {row[key_name]: number(row[args.sort]) for row in rows}
    # The sort is stable both ways: equal values keep the file's order, and rows without a
    # value come last in either direction.
    present = [i for i in ids if seats[i] is not None]
    absent = [i for i in ids if seats[i] is None]
    ascending = sorted(present, key=lambda i: seats[i]) + absent
    descending = sorted(present, key=lambda i: -seats[i]) + absent
    # The commune with the most rows whose folded name is in no other commune's name (the
    # filter matches a part of the text).
    counts = collections.Counter(row[args.filter] for row in rows if row[args.filter])
    communes = sorted(counts, key=lambda c: (-counts[c], c))
    commune = next(c for c in communes if not any(fold(c) in fold(other) for other in counts if other != c))
    matching = [row[key_name] for row in rows if fold(commune) in fold(row[args.filter])]
    print("dataset %s: %d rows in the CSV (%s), sort on %r (%s), %d distinct values, filter %s=%r: %d rows" % (
        args.dataset, n, ";".join(fields[:3]) + ";…", args.sort, sort_title, len(set(seats.values())), args.filter, commune, len(matching)),
        flush=True)

    with LocalServer(output, headers=site_headers(output)) as server:
        driver = make_driver(1280, 1000)
        try:
            console = Console(driver, tile_hosts(output))
            page = server.base + "datasets/%s/" % args.dataset
            driver.get(page)
            report.check("table loaded (%d rows)" % n, wait_loaded(driver)
                         and driver.execute_script("return PortailTable.rows.length;") == n)

            def table_ids():
                return driver.execute_script("const t = PortailTable; return Array.from(t.filtered, (r) => t.rows[r][arguments[0]]);", key_c)

            def shown():
                return driver.execute_script(PAGE, key_c, sort_c)

            report.check("CSV and table hold the same rows, in the same order", table_ids() == ids)

            # 1. Sorting by the seats column: ascending, then descending, then the file's order.
            button = driver.find_element(By.CSS_SELECTOR, 'button.sort-button[data-column="%d"]' % sort_c)
            report.check("the %s column has a sort button named after it" % sort_title,
                         sort_title in (button.get_attribute("aria-label") or ""), button.get_attribute("aria-label"))
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
            header = driver.find_element(By.CSS_SELECTOR, 'th[data-column="%d"]' % sort_c)
            for direction, expected, order in (("ascending", ascending, "asc"), ("descending", descending, "desc")):
                button.click()
                wait_for(driver, "return document.querySelector('th[data-column=\"%d\"]').getAttribute('aria-sort') === '%s';" % (sort_c, direction), 5)
                got = table_ids()
                values = [seats[i] for i in got]
                report.check("%s sort: the %s go %s" % (direction, sort_title.lower(), "up" if order == "asc" else "down"),
                             values == sorted(values, reverse=(order == "desc")) and len(values) == n,
                             "first %r" % values[:8])
                report.check("%s sort: every row in the expected order (stable, from the CSV)" % direction, got == expected,
                             "" if got == expected else "first difference at row %s: %r, expected %r" % next(
                                 ((k, got[k:k + 3], expected[k:k + 3]) for k in range(min(len(got), len(expected))) if got[k] != expected[k]),
                                 (min(len(got), len(expected)), [], [])))
                now = shown()
                on_page = [number(cell) for _key, cell in now["cells"]]
                report.check("%s sort: the first page shows the %d first rows, numbers in order" % (direction, size),
                             [key for key, _cell in now["cells"]] == expected[:size] and on_page == [seats[i] for i in expected[:size]],
                             "%r" % on_page[:8])
                report.check("%s sort: aria-sort=%s on the header, sort=%s&order=%s in the address" % (direction, direction, args.sort, order),
                             header.get_attribute("aria-sort") == direction
                             and ("sort=%s" % args.sort) in now["search"] and ("order=%s" % order) in now["search"], now["search"])
            button.click()
            wait_for(driver, "return !document.querySelector('th[data-column=\"%d\"]').hasAttribute('aria-sort');" % sort_c, 5)
            report.check("a third click gives the file's order back", table_ids() == ids and "sort=" not in shown()["search"], shown()["search"])

            # 2. A column filter: exactly that commune's rows, and the status line counts them.
            field = driver.find_element(By.CSS_SELECTOR, '.table-filters input[data-column="%d"]' % filter_c)
            report.check("the filter field is labelled", bool(field.get_attribute("aria-label")), field.get_attribute("aria-label"))
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
            field.send_keys(commune)
            wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, len(matching))
            got = table_ids()
            report.check("filtering %s by %r keeps exactly its %d rows (file order)" % (args.filter, commune, len(matching)),
                         got == matching and len(matching) == counts[commune], "%d rows" % len(got))
            now = shown()
            communes_shown = driver.execute_script(
                "return Array.from(document.querySelectorAll('#table-donnees tbody tr'), (tr) => tr.children[arguments[0]].textContent);", filter_c)
            report.check("every row on the page is in %s" % commune, communes_shown and set(communes_shown) == {commune}, repr(set(communes_shown)))
            last = min(size, len(matching))
            wanted = fill(strings["table_status_filtered"], **{"from": group(1, separator), "to": group(last, separator),
                                                               "count": group(len(matching), separator), "total": group(n, separator)})
            report.check("status line counts the filtered rows", now["status"] == wanted, "%r vs %r" % (now["status"], wanted))
            report.check("the address holds the filter", ("%s=" % args.filter) in now["search"], now["search"])
            field.send_keys(Keys.CONTROL, "a")
            field.send_keys(Keys.DELETE)
            wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, n)
            report.check("clearing the filter brings every row back", len(table_ids()) == n)

            # 3. Paging: the next page shows the next rows; the page count follows the size.
            pages = math.ceil(n / size)
            pager = {name: driver.find_element(By.CSS_SELECTOR, 'nav.pager button[data-page="%s"]' % name)
                     for name in ("first", "previous", "next", "last")}
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", pager["next"])
            now = shown()
            report.check("page 1: position reads page 1 of ceil(%d/%d) = %d" % (n, size, pages),
                         now["position"] == fill(strings["table_page_position"], page=group(1, separator), pages=group(pages, separator))
                         and sorted(now["disabled"]) == ["first", "previous"], "%r, disabled %r" % (now["position"], now["disabled"]))
            pager["next"].click()
            wait_for(driver, "return document.getElementById('table-position').textContent.indexOf(arguments[0]) !== -1;", 5, 0.05,
                     fill(strings["table_page_position"], page="2", pages=group(pages, separator)))
            now = shown()
            report.check("next page shows rows %d to %d" % (size + 1, 2 * size), [k for k, _c in now["cells"]] == ids[size:2 * size],
                         "%r" % [k for k, _c in now["cells"]][:3])
            wanted = fill(strings["table_status"], **{"from": group(size + 1, separator), "to": group(2 * size, separator), "count": group(n, separator)})
            report.check("status line follows the page", now["status"] == wanted, "%r vs %r" % (now["status"], wanted))
            pager["last"].click()
            wait_for(driver, "return document.querySelector('nav.pager button[data-page=\"next\"]').disabled;", 5)
            now = shown()
            report.check("last page: page %d with the last rows (%d), next and last disabled" % (pages, n - (pages - 1) * size),
                         [k for k, _c in now["cells"]] == ids[(pages - 1) * size:]
                         and now["position"] == fill(strings["table_page_position"], page=group(pages, separator), pages=group(pages, separator))
                         and sorted(now["disabled"]) == ["last", "next"], "%r, %r" % (now["position"], now["disabled"]))
            focus = driver.execute_script("return document.activeElement && document.activeElement.dataset.page;")
            report.check("the focus left the disabled button for its counterpart", focus == "previous", repr(focus))
            pager["first"].click()
            wait_for(driver, "return document.querySelector('nav.pager button[data-page=\"first\"]').disabled;", 5)
            # Page 6 of 20 rows starts at row 101; at 100 rows a page, that row is on page 2.
            for _ in range(5):
                pager["next"].click()
            wait_for(driver, "return document.getElementById('table-position').textContent.indexOf(arguments[0]) === 0;", 5, 0.05,
                     fill(strings["table_page_position"], page="6", pages=""))
            bigger = 100 if "100" in [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "table-taille")).options] else size * 2
            Select(driver.find_element(By.ID, "table-taille")).select_by_value(str(bigger))
            wait_for(driver, "return document.querySelectorAll('#table-donnees tbody tr').length === arguments[0];", 5, 0.05, bigger)
            now = shown()
            first = 5 * size
            page_now = first // bigger
            pages_now = math.ceil(n / bigger)
            report.check("page size %d: %d rows a page, page %d of %d, the first row seen still on screen" % (bigger, bigger, page_now + 1, pages_now),
                         [k for k, _c in now["cells"]] == ids[page_now * bigger:(page_now + 1) * bigger]
                         and now["position"] == fill(strings["table_page_position"], page=group(page_now + 1, separator), pages=group(pages_now, separator)),
                         "%r" % now["position"])
            report.check("the address holds size=%d" % bigger, ("size=%d" % bigger) in now["search"], now["search"])
            driver.get(page + "?size=%d&sort=%s&order=desc" % (bigger, args.sort))
            wait_loaded(driver)
            wait_for(driver, "return document.querySelectorAll('#table-donnees tbody tr').length === arguments[0];", 5, 0.05, bigger)
            now = shown()
            report.check("that address opens on %d rows sorted by %s, descending" % (bigger, args.sort),
                         [k for k, _c in now["cells"]] == descending[:bigger]
                         and driver.find_element(By.ID, "table-taille").get_attribute("value") == str(bigger), "%r" % now["position"])
            report.no_console_errors("no console error on the table (with the site's Content-Security-Policy)", console)

            # 4. The section navigation under the title ("Tableau", "Carte"…): in-page links
            # in a labelled <nav>, each to a section labelled by a heading of the same text.
            # All sections stay on the page (the map follows the table's filters next to it),
            # so this is a table of contents, not a tab list: links, not the tabs pattern.
            driver.get(page)
            wait_loaded(driver)
            nav = driver.execute_script("""
                const nav = document.querySelector('.dataset-header nav');
                if (!nav) return null;
                return {
                  tag: nav.tagName, label: nav.getAttribute('aria-label'), role: nav.getAttribute('role'),
                  tabRoles: nav.querySelectorAll('[role=tab], [role=tablist]').length,
                  links: Array.from(nav.querySelectorAll('a'), (a) => {
                    const id = decodeURIComponent(a.hash.slice(1)), target = document.getElementById(id);
                    const heading = target && document.getElementById(target.getAttribute('aria-labelledby') || '');
                    return {text: a.textContent.trim(), id, tabindex: a.getAttribute('tabindex'),
                            target: target ? target.tagName : null, hidden: target ? target.hidden || target.offsetParent === null : null,
                            heading: heading ? heading.textContent.trim() : null};
                  }),
                };""")
            report.check("the sections' navigation is a <nav> with a label", nav and nav["tag"] == "NAV" and bool(nav["label"]),
                         repr(nav and {k: nav[k] for k in ("tag", "label", "role")}))
            report.check("it is made of links (no tab roles on links to sections that all stay shown)",
                         nav and nav["tabRoles"] == 0 and nav["role"] is None and all(not link["hidden"] for link in nav["links"]),
                         repr(nav and nav["links"])[:300])
            broken = [link for link in nav["links"] if link["target"] != "SECTION" or link["heading"] != link["text"]]
            report.check("each link leads to a section labelled by a heading of the same text (%d links)" % len(nav["links"]),
                         nav["links"] and not broken, repr(broken)[:300])
            # Tab goes through the links in order.
            driver.execute_script("document.querySelector('.dataset-header nav a').focus();")
            order = [driver.execute_script("return document.activeElement.textContent.trim();")]
            for _ in nav["links"][1:]:
                driver.switch_to.active_element.send_keys(Keys.TAB)
                order.append(driver.execute_script("return document.activeElement.textContent.trim();"))
            report.check("Tab goes through the links in their order", order == [link["text"] for link in nav["links"]], repr(order))
            # Enter on a link: the address names the section, which comes to the top of the
            # window, and the next Tab goes into that section.
            results = []
            for link in nav["links"]:
                driver.execute_script("window.scrollTo(0, 0); document.activeElement.blur();"
                                      "Array.from(document.querySelectorAll('.dataset-header nav a')).find((a) => a.hash === '#' + arguments[0]).focus();",
                                      link["id"])
                driver.switch_to.active_element.send_keys(Keys.ENTER)
                wait_for(driver, "return location.hash === '#' + arguments[0];", 3, 0.05, link["id"])
                where = driver.execute_script("""
                    const section = document.getElementById(arguments[0]);
                    const focusable = Array.from(section.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'))
                      .filter((e) => e.tabIndex >= 0 && !e.disabled && e.offsetParent !== null);
                    return {hash: location.hash, top: Math.round(section.getBoundingClientRect().top),
                            bottom: Math.round(document.documentElement.scrollHeight - window.scrollY - window.innerHeight),
                            focusable: focusable.length};""", link["id"])
                driver.switch_to.active_element.send_keys(Keys.TAB)
                inside = driver.execute_script(
                    "const s = document.getElementById(arguments[0]), a = document.activeElement;"
                    "return s.contains(a) ? 'inside' : (s.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before');",
                    link["id"])
                # At the bottom of the page a short last section cannot reach the top.
                at_top = abs(where["top"]) <= 40 or where["bottom"] <= 1
                into = inside == "inside" if where["focusable"] else inside in ("inside", "after")
                results.append((link["text"], where["hash"] == "#" + link["id"] and at_top and into, where, inside))
            bad = [r for r in results if not r[1]]
            report.check("Enter on each link shows its section at the top, and Tab goes on inside it",
                         not bad, repr([(t, w, i) for t, _ok, w, i in bad])[:400])
            report.no_console_errors("no console error while using the sections' navigation", console)
        except Exception as error:  # noqa: BLE001 — any crash is a failed check
            crash(report, error)
        finally:
            driver.quit()
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
