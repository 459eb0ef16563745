#!/usr/bin/env python3
"""The map view: every point drawn fast, popups, keyboard, and the map following the table.

usage: test_map.py OUTPUT_DIR [--dataset ID] [--column NAME] [--text TEXT] [--budget-ms N]

Defaults: datasets/cinemas-actifs/ (2,061 cinemas), a filter of "Rennes" on the commune
column, and 2,000 ms from navigation start to all points drawn. See README.md.
"""

import argparse
import os
import sys
import time

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, dataset_rows, fold, make_driver, tile_hosts, wait_for,
)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def has_point(config, row):
    geometry = config.get("geometry")
    if not geometry:
        return False
    if geometry["kind"] == "point":
        value = row[geometry["column"]]
        return isinstance(value, dict) and isinstance(value.get("lat"), (int, float)) and isinstance(value.get("lon"), (int, float))
    lat, lon = row[geometry["latitude"]], row[geometry["longitude"]]
    return isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and not isinstance(lat, bool)


STATE = """
const m = window.PortailMap, t = window.PortailTable;
if (!m || !t) return null;
const status = document.getElementById('carte-statut');
return {shown: m.shown, drawn: m.drawn, allDrawn: m.timings.allDrawn, lastUpdate: m.timings.lastUpdate,
        complete: t.complete, status: status ? status.textContent : null,
        selected: m.selected};
"""


def map_state(driver):
    return driver.execute_script(STATE)


def status_for(driver, n):
    return driver.execute_script(
        "const t = window.PortailTable; const n = arguments[0];"
        "return n > 0 ? t.strings.map_points.replace('{n}', t.formatCount(n)) : t.strings.map_no_points;", n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("output")
    parser.add_argument("--dataset", default="cinemas-actifs")
    parser.add_argument("--column", default="commune")
    parser.add_argument("--text", default="Rennes")
    parser.add_argument("--budget-ms", type=float, default=2000.0)
    args = parser.parse_args()
    output = os.path.abspath(args.output)
    report = Report("map")

    config, rows = dataset_rows(output, args.dataset)
    names = [column["name"] for column in config["columns"]]
    column = names.index(args.column)
    expected_all = sum(1 for row in rows if has_point(config, row))
    needle = fold(args.text)
    expected_filtered = sum(1 for row in rows if has_point(config, row) and isinstance(row[column], str) and needle in fold(row[column]))
    print("dataset %s: %d rows, %d with a position, %d matching %s=%r" % (
        args.dataset, len(rows), expected_all, expected_filtered, args.column, args.text), flush=True)

    hosts = tile_hosts(output)
    with LocalServer(output) as server:
        driver = make_driver(1280, 900)
        try:
            console = Console(driver, hosts)
            page = server.base + "datasets/%s/" % args.dataset

            # 1. Every point, drawn within the budget.
            driver.get(page)
            state = wait_for(driver, "const m = window.PortailMap; return m && m.timings.allDrawn !== null && m.timings.allDrawn;", 20)
            state = map_state(driver)
            report.check("map shows all %d points" % expected_all, state and state["shown"] == expected_all,
                         "shown %s" % (state and state["shown"]))
            report.check("canvas drew all %d points" % expected_all, state and state["drawn"] == expected_all,
                         "drawn %s" % (state and state["drawn"]))
            all_drawn = state and state["allDrawn"]
            report.check("all points drawn in under %d ms from navigation start" % args.budget_ms,
                         all_drawn is not None and all_drawn < args.budget_ms, "%.0f ms" % (all_drawn or -1))
            painted = driver.execute_script(
                "const c = document.querySelector('#carte-leaflet canvas.map__points'); if (!c) return 0;"
                "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;")
            report.check("points are painted on the canvas", painted > 0, "%d pixels" % painted)
            report.check("status line announces the points", state["status"] == status_for(driver, expected_all),
                         repr(state["status"]))
            status_outside = driver.execute_script(
                "const s = document.getElementById('carte-statut'); const m = document.getElementById('carte-leaflet');"
                "return Boolean(s) && !m.contains(s) && s.getAttribute('role') === 'status';")
            report.check("status line is outside the Leaflet panes, role=status", status_outside)
            attribution = driver.execute_script(
                "const a = document.querySelector('#carte-leaflet .leaflet-control-attribution');"
                "if (!a) return null; const r = a.getBoundingClientRect();"
                "return {text: a.textContent, links: Array.from(a.querySelectorAll('a'), (l) => l.href), visible: r.width > 0 && r.height > 0};")
            map_config = driver.execute_script("return JSON.parse(document.getElementById('map-config').textContent);")
            report.check("tile attribution is shown", attribution and attribution["visible"]
                         and map_config["attribution"] in attribution["text"]
                         and (not map_config.get("attributionURL") or map_config["attributionURL"] in attribution["links"]),
                         repr(attribution))
            focusable = driver.execute_script(
                "const m = document.getElementById('carte-leaflet'); return m.tabIndex >= 0 && Boolean(m.getAttribute('aria-label'));")
            report.check("map container is focusable and labelled", focusable)
            report.no_console_errors("no console error after loading (failed tile requests aside)", console)

            # 2. A click on a point opens its popup, with the popup columns as the table shows them.
            container = driver.find_element(By.ID, "carte-leaflet")
            target = driver.execute_script(
                "const m = PortailMap.map, t = PortailTable, rows = t.filtered, size = m.getSize();"
                "for (let i = 0; i < rows.length; i++) {"
                "  const p = t.point(t.rows[rows[i]]); const c = m.latLngToContainerPoint([p.lat, p.lon]);"
                "  if (c.x > 60 && c.y > 60 && c.x < size.x - 60 && c.y < size.y - 60) return {row: rows[i], x: c.x, y: c.y, w: size.x, h: size.y};"
                "} return null;")
            ActionChains(driver).move_to_element_with_offset(
                container, int(round(target["x"] - target["w"] / 2)), int(round(target["y"] - target["h"] / 2))).click().perform()
            popup = wait_for(driver,
                             "const p = document.querySelector('#carte-leaflet .leaflet-popup-content .map-popup');"
                             "return p && PortailMap.selected >= 0 && {title: p.querySelector('.map-popup__title').textContent,"
                             " lines: Array.from(p.querySelectorAll('.map-popup__fields > div'), (d) => [d.children[0].textContent, d.children[1].textContent]),"
                             " row: PortailMap.selected};", 5)
            if report.check("click on a point opens a popup", bool(popup)):
                near = driver.execute_script(
                    "const m = PortailMap.map, t = PortailTable;"
                    "const at = (r) => { const p = t.point(t.rows[r]); return m.latLngToContainerPoint([p.lat, p.lon]); };"
                    "const a = at(arguments[0]), b = at(arguments[1]); return Math.hypot(a.x - b.x, a.y - b.y);",
                    popup["row"], target["row"])
                report.check("the popup is that of the clicked point", near <= 12, "%.1f px from the click" % near)
                expected = driver.execute_script(
                    "const t = PortailTable, cfg = JSON.parse(document.getElementById('map-config').textContent);"
                    "const row = t.rows[arguments[0]], cols = cfg.popup;"
                    "return {title: t.display(row, cols[0]), lines: cols.slice(1).map((c) => [t.columns[c].title, t.display(row, c)]).filter((l) => l[1] !== '')};",
                    popup["row"])
                report.check("popup shows the popup columns as the table displays them",
                             popup["title"] == expected["title"] and popup["lines"] == expected["lines"],
                             "%r vs %r" % (popup, expected))
            ActionChains(driver).send_keys(Keys.ESCAPE).perform()
            driver.execute_script("PortailMap.map.closePopup();")

            # 3. The keyboard: focus the map, Enter opens the popup of the point nearest its centre.
            driver.execute_script("document.getElementById('carte-leaflet').focus();")
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            keyboard = wait_for(driver, "return PortailMap.selected >= 0 && document.querySelector('#carte-leaflet .leaflet-popup');", 3)
            report.check("Enter on the focused map opens a popup", bool(keyboard))
            driver.execute_script("PortailMap.map.closePopup();")

            # 4. The map follows the table's filter.
            field = driver.find_element(By.CSS_SELECTOR, '.table-filters input[data-column="%d"]' % column)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
            started = time.monotonic()
            field.send_keys(args.text)
            followed = wait_for(driver, "return PortailMap.shown === arguments[0] && PortailMap.timings.lastUpdate !== null;", 10, 0.02, expected_filtered)
            elapsed = (time.monotonic() - started) * 1000
            state = map_state(driver)
            report.check("map shows only the %d filtered points" % expected_filtered, followed and state["shown"] == expected_filtered,
                         "shown %s" % state["shown"])
            report.check("canvas drew the %d filtered points" % expected_filtered, state["drawn"] == expected_filtered,
                         "drawn %s" % state["drawn"])
            print("     filter typed → map updated: %.0f ms (typing delay included); redraw took %.1f ms" % (elapsed, state["lastUpdate"] or -1))
            table_count = driver.execute_script("return PortailTable.filtered.length;")
            report.check("map and table agree on the filtered rows", table_count == expected_filtered, "table %s" % table_count)
            report.check("status line follows the filter", state["status"] == status_for(driver, expected_filtered), repr(state["status"]))
            field.send_keys(Keys.CONTROL, "a")
            field.send_keys(Keys.DELETE)
            back = wait_for(driver, "return PortailMap.shown === arguments[0];", 10, 0.02, expected_all)
            report.check("clearing the filter brings every point back", bool(back))
            report.no_console_errors("no console error while filtering", console)

            # 5. The map embed, in data-only mode, reads the filter from its address.
            embed_console = Console(driver, hosts, ignore_favicon=True)
            driver.get(server.base + "embed/%s/map.html?%s=%s" % (args.dataset, args.column, args.text))
            shown = wait_for(driver, "return window.PortailMap && PortailTable.complete && PortailMap.shown === arguments[0] && PortailMap.shown;", 15, 0.05, expected_filtered)
            report.check("map embed shows the %d points of its address's filter" % expected_filtered, shown == expected_filtered or (expected_filtered == 0 and shown == 0),
                         "shown %s" % driver.execute_script("return window.PortailMap && PortailMap.shown;"))
            no_table = driver.execute_script("return !document.getElementById('table-donnees') && Boolean(window.PortailTable);")
            report.check("map embed loads the data without a table (data-only mode)", no_table)
            report.no_console_errors("no console error on the map embed", embed_console)
        except Exception as error:  # noqa: BLE001 — any crash is a failed check
            crash(report, error)
        finally:
            driver.quit()
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
