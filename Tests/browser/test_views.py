#!/usr/bin/env python3
"""Table views: facets, the address (URL state), the embed code that follows it, and the
downloads of a selection (CSV, GeoJSON) against the server's own exports.

usage: test_views.py OUTPUT_DIR

Pages: datasets/open-films/ (facets on a text column, on multi-valued "list" columns and on
a year) and datasets/cinemas-actifs/ (a geography: the GeoJSON of a selection). See README.md.
"""

import collections
import csv
import json
import os
import shutil
import sys
import time
from urllib.parse import parse_qs, urlsplit

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, dataset_rows, make_driver, output_dir_from_argv,
    split_csv_records, table_config, temporary_folder, tile_hosts, wait_for, wait_for_download,
)
from selenium.webdriver.common.by import By  # noqa: E402

FILMS = "open-films"
CINEMAS = "cinemas-actifs"


def column_index(config, name):
    return [c["name"] for c in config["columns"]].index(name)


def wait_loaded(driver):
    return wait_for(driver, "return window.PortailTable && PortailTable.complete && !PortailTable.failed;", 20)


def filtered_keys(driver, key):
    return driver.execute_script("const t = PortailTable; return Array.from(t.filtered, (r) => t.rows[r][arguments[0]]);", key)


def facet_state(driver, title):
    """{value: (label, count text, checked)} of the facet whose legend is `title`, in the
    order shown (the browser returns a list: the driver would sort an object's keys)."""
    entries = driver.execute_script("""
        const fieldset = Array.from(document.querySelectorAll('.table-facets fieldset'))
            .find((f) => f.querySelector('legend').textContent === arguments[0]);
        if (!fieldset) return null;
        return Array.from(fieldset.querySelectorAll('li'), (li) => {
            const input = li.querySelector('input'), label = li.querySelector('label');
            const count = label.querySelector('.count').textContent;
            return [input.value, label.textContent.slice(0, label.textContent.length - count.length).trim(), count, input.checked];
        });""", title)
    return collections.OrderedDict((value, (label, count, checked)) for value, label, count, checked in entries or [])


def tick(driver, title, value):
    box = driver.execute_script("""
        const fieldset = Array.from(document.querySelectorAll('.table-facets fieldset'))
            .find((f) => f.querySelector('legend').textContent === arguments[0]);
        return Array.from(fieldset.querySelectorAll('input')).find((i) => i.value === arguments[1]);""", title, value)
    driver.execute_script("arguments[0].closest('details').open = true; arguments[0].scrollIntoView({block: 'center'});", box)
    # A click on the label, as a person would do; the box must be bound to it.
    label = driver.find_element(By.CSS_SELECTOR, 'label[for="%s"]' % box.get_attribute("id"))
    label.click()


def server_csv(output, dataset, key_name):
    """(header record, {key: raw record}, [keys in file order]) of the server's CSV export."""
    with open(os.path.join(output, "datasets", dataset, dataset + ".csv"), "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    records = split_csv_records(text[1:])
    header = records[0]
    key_at = header.split(";").index(key_name)
    by_key = {}
    order = []
    for record in records[1:]:
        fields = next(csv.reader([record], delimiter=";"))
        by_key[fields[key_at]] = record
        order.append(fields[key_at])
    return header, by_key, order


def expected_csv(header, by_key, order, keys):
    wanted = set(keys)
    lines = [header] + [by_key[k] for k in order if k in wanted]
    return ("\ufeff" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def server_geojson(output, dataset):
    """{feature id: raw feature line} and ids in file order, from the server's GeoJSON."""
    with open(os.path.join(output, "datasets", dataset, dataset + ".geojson"), "rb") as handle:
        text = handle.read().decode("utf-8")
    prefix = '{"type":"FeatureCollection","features":[\n'
    suffix = "\n]}\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    by_id = {}
    order = []
    for line in text[len(prefix):-len(suffix)].split("\n"):
        line = line[:-1] if line.endswith(",") else line
        feature = json.loads(line)
        by_id[feature["id"]] = line
        order.append(feature["id"])
    return by_id, order


def download(driver, folder, button_id, suffix):
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    button = driver.find_element(By.ID, button_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    path = wait_for_download(folder, suffix, 15)
    if not path:
        return None
    time.sleep(0.2)
    with open(path, "rb") as handle:
        return handle.read()


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("views")
    films_config, films = dataset_rows(output, FILMS)
    genre = column_index(films_config, "genre")
    nationalities = column_index(films_config, "nationalities")
    duration = column_index(films_config, "duration")
    year = column_index(films_config, "year")
    visa = films_config["key"]
    downloads = temporary_folder("portail-downloads-")
    hosts = tile_hosts(output)
    try:
        with LocalServer(output) as server:
            driver = make_driver(1280, 1000, download_dir=downloads)
            try:
                console = Console(driver, hosts)
                titles = {c["name"]: c["title"] for c in films_config["columns"]}

                # 1. Facets: one group per facet column, with counts among the rows.
                driver.get(server.base + "datasets/%s/" % FILMS)
                report.check("open-films table loaded", wait_loaded(driver))
                legends = driver.execute_script(
                    "return Array.from(document.querySelectorAll('.table-facets fieldset > legend'), (l) => l.textContent);")
                report.check("one fieldset with a legend per facet column",
                             legends == [films_config["columns"][c]["title"] for c in films_config["facets"]], repr(legends))
                unlabelled = driver.execute_script(
                    "return Array.from(document.querySelectorAll('.table-facets input')).filter((i) => !document.querySelector('label[for=\"' + i.id + '\"]')).length;")
                report.check("every facet checkbox has its label", unlabelled == 0, "%d without" % unlabelled)
                genres = facet_state(driver, titles["genre"])
                genre_counts = collections.Counter(row[genre] for row in films if row[genre] is not None)
                report.check("genre facet lists each value with its count",
                             {value: count for value, (_label, count, _checked) in genres.items()}
                             == {value: "(%d)" % n for value, n in genre_counts.items()}, repr(genres)[:300])
                for title in (titles["genre"], titles["nationalities"], titles["year"]):
                    shown_labels = [label for label, _count, _checked in facet_state(driver, title).values()]
                    collated = driver.execute_script(
                        "return arguments[0].slice().sort(new Intl.Collator('fr-FR', {sensitivity: 'base', numeric: true}).compare);", shown_labels)
                    report.check("%s facet sorted with the French collator" % title, shown_labels == collated, repr(shown_labels[:6]))
                nation_counts = collections.Counter(item for row in films for item in set(row[nationalities] or []))
                nations = facet_state(driver, titles["nationalities"])
                report.check("list facet counts each item",
                             {v: c for v, (_l, c, _k) in nations.items()} == {v: "(%d)" % n for v, n in nation_counts.items()},
                             repr(nations)[:300])

                # 2. Ticking values: OR within a facet, AND across facets.
                first, second = sorted(genre_counts, key=lambda v: (-genre_counts[v], v))[:2]
                tick(driver, titles["genre"], first)
                wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, genre_counts[first])
                keys = filtered_keys(driver, visa)
                expected = [row[visa] for row in films if row[genre] == first]
                report.check("ticking %r keeps its %d films" % (first, len(expected)), keys == expected, "%d rows" % len(keys))
                shown = driver.execute_script(
                    "return Array.from(document.querySelectorAll('#table-donnees tbody tr'), (tr) => tr.children[arguments[0]].textContent);", genre)
                report.check("rows on the page all have that genre", shown and set(shown) == {first}, repr(set(shown)))
                tick(driver, titles["genre"], second)
                wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, genre_counts[first] + genre_counts[second])
                keys = filtered_keys(driver, visa)
                expected = [row[visa] for row in films if row[genre] in (first, second)]
                report.check("two values of one facet: either (OR)", keys == expected, "%d rows, expected %d" % (len(keys), len(expected)))
                nation = sorted(nation_counts, key=lambda v: (-nation_counts[v], v))[1]
                tick(driver, titles["nationalities"], nation)
                expected = [row[visa] for row in films if row[genre] in (first, second) and nation in (row[nationalities] or [])]
                wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, len(expected))
                keys = filtered_keys(driver, visa)
                report.check("a value of another facet: both (AND), list items matched", keys == expected,
                             "%d rows, expected %d" % (len(keys), len(expected)))
                status = driver.find_element(By.ID, "table-statut").text
                report.check("status line counts the filtered rows", ("sur %d " % len(expected)) in status + " ", status)

                # 3. A column filter and a sort join in; the address holds the whole view.
                field = driver.find_element(By.CSS_SELECTOR, '.table-filters input[data-column="%d"]' % duration)
                field.send_keys(">100")
                sort_button = driver.find_element(By.CSS_SELECTOR, 'button.sort-button[data-column="%d"]' % year)
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", sort_button)
                sort_button.click()
                sort_button.click()
                expected_rows = [row for row in films if row[genre] in (first, second) and nation in (row[nationalities] or [])
                                 and isinstance(row[duration], int) and row[duration] > 100]
                expected_sorted = [row[visa] for row in sorted(expected_rows, key=lambda row: -row[year])]
                wait_for(driver, "return PortailTable.filtered.length === arguments[0] && location.search.indexOf('order=desc') !== -1;", 5, 0.05, len(expected_rows))
                keys = filtered_keys(driver, visa)
                report.check("column filter and descending sort apply", keys == expected_sorted,
                             "%d rows, expected %d" % (len(keys), len(expected_sorted)))
                address = driver.current_url
                params = parse_qs(urlsplit(address).query)
                report.check("address holds facets, filter and sort",
                             params.get("facet.genre") == [first, second] and params.get("facet.nationalities") == [nation]
                             and params.get("duration") == [">100"] and params.get("sort") == ["year"] and params.get("order") == ["desc"],
                             address)
                code = driver.find_element(By.ID, "integrer-table").get_attribute("value")
                query = urlsplit(address).query
                report.check("embed code's iframe address carries the same view",
                             ('table.html?%s"' % query.replace("&", "&amp;")) in code, code[:200])

                # 4. The address restores the view after a reload.
                driver.get(address)
                wait_loaded(driver)
                wait_for(driver, "return PortailTable.filtered.length === arguments[0];", 5, 0.05, len(expected_sorted))
                keys = filtered_keys(driver, visa)
                restored = driver.execute_script("""
                    return {
                        field: document.querySelector('.table-filters input[data-column="' + arguments[0] + '"]').value,
                        sort: document.querySelector('th[data-column="' + arguments[1] + '"]').getAttribute('aria-sort'),
                        ticked: Array.from(document.querySelectorAll('.table-facets input:checked'), (i) => i.value),
                        open: document.querySelector('.table-facets').open,
                    };""", duration, year)
                report.check("reload with the address restores the rows, in order", keys == expected_sorted,
                             "%d rows" % len(keys))
                report.check("reload restores the controls (filter field, sort, ticked boxes)",
                             restored["field"] == ">100" and restored["sort"] == "descending"
                             and sorted(restored["ticked"]) == sorted([first, second, nation]) and restored["open"], repr(restored))

                # 5. Copying the embed code.
                driver.execute_script("document.querySelector('details.embed-panel[data-view=\"table\"]').open = true;")
                copy_button = driver.find_element(By.CSS_SELECTOR, 'button[data-copy="integrer-table"]')
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", copy_button)
                copy_button.click()
                copied = wait_for(driver, "const s = document.querySelector('details.embed-panel[data-view=\"table\"] .embed-panel__status');"
                                  "return s.textContent === PortailTable.strings.embed_copied && s.textContent;", 5)
                report.check("copy button announces the copy", bool(copied), repr(copied))

                # 6. The CSV of the selection, against the server's CSV (file order: no sort).
                without_sort = address.split("&sort=")[0]
                driver.get(without_sort)
                wait_loaded(driver)
                keys = filtered_keys(driver, visa)
                header, by_key, order = server_csv(output, FILMS, films_config["columns"][visa]["name"])
                data = download(driver, downloads, "table-telecharger", ".csv")
                wanted = expected_csv(header, by_key, order, keys)
                report.check("filtered CSV equals the matching lines of the server's CSV, byte for byte",
                             data == wanted, "%s bytes vs %d" % (len(data) if data else None, len(wanted)))
                report.check("list columns in the CSV as in the export (', ' between items)",
                             data is not None and any(", " in record.split(";")[nationalities] for record in data.decode("utf-8").split("\r\n")[1:] if record),
                             "")
                report.check("no GeoJSON button without a geography",
                             not driver.find_elements(By.ID, "table-telecharger-geojson"))
                report.no_console_errors("no console error on open-films", console)

                # 7. The GeoJSON (and CSV) of a selection of cinemas.
                cinemas_config, cinemas = dataset_rows(output, CINEMAS)
                region = column_index(cinemas_config, "region")
                screens = column_index(cinemas_config, "screens")
                cinema_key = cinemas_config["key"]
                driver.get(server.base + "datasets/%s/?facet.region=BRETAGNE&screens=%%3E%%3D4" % CINEMAS)
                wait_loaded(driver)
                expected_ids = [row[cinema_key] for row in cinemas if row[region] == "BRETAGNE" and isinstance(row[screens], int) and row[screens] >= 4]
                keys = filtered_keys(driver, cinema_key)
                report.check("cinemas selection from the address (%d rows)" % len(expected_ids), keys == expected_ids, "%d rows" % len(keys))
                csv_text = driver.find_element(By.ID, "table-telecharger").text
                geo_button = driver.find_elements(By.ID, "table-telecharger-geojson")
                report.check("GeoJSON button next to the CSV one, named after it",
                             geo_button and geo_button[0].text == csv_text.replace("CSV", "GeoJSON")
                             and driver.execute_script("return arguments[0].previousElementSibling.id === 'table-telecharger';", geo_button[0]),
                             geo_button[0].text if geo_button else "missing")
                data = download(driver, downloads, "table-telecharger-geojson", ".geojson")
                try:
                    collection = json.loads(data.decode("utf-8")) if data else None
                except ValueError as error:
                    collection = None
                    print("     GeoJSON does not parse: %s" % error)
                report.check("filtered GeoJSON parses as a FeatureCollection",
                             bool(collection) and collection.get("type") == "FeatureCollection" and isinstance(collection.get("features"), list))
                features = collection["features"] if collection else []
                report.check("GeoJSON holds only the filtered features", [f.get("id") for f in features] == expected_ids,
                             "%d features" % len(features))
                by_id = {row[cinema_key]: row for row in cinemas}
                ok = all(f["geometry"]["type"] == "Point" and f["geometry"]["coordinates"] == [
                    round(by_id[f["id"]][cinemas_config["geometry"]["column"]]["lon"], 6),
                    round(by_id[f["id"]][cinemas_config["geometry"]["column"]]["lat"], 6)] for f in features)
                report.check("coordinates are [lon, lat]", ok and bool(features))
                server_lines, server_order = server_geojson(output, CINEMAS)
                wanted = ('{"type":"FeatureCollection","features":[\n'
                          + ",\n".join(server_lines[i] for i in server_order if i in set(expected_ids)) + "\n]}\n").encode("utf-8")
                report.check("filtered GeoJSON equals the matching features of the server's GeoJSON, byte for byte",
                             data == wanted, "%s bytes vs %d" % (len(data) if data else None, len(wanted)))
                header, by_key, order = server_csv(output, CINEMAS, cinemas_config["columns"][cinema_key]["name"])
                data = download(driver, downloads, "table-telecharger", ".csv")
                wanted = expected_csv(header, by_key, order, expected_ids)
                report.check("filtered CSV of cinemas equals the server's lines (numbers, booleans, geopoints)",
                             data == wanted, "%s bytes vs %d" % (len(data) if data else None, len(wanted)))
                report.no_console_errors("no console error on cinemas-actifs", console)

                # 8. Every dataset, unfiltered: the downloads are the server's exports, byte for byte.
                for dataset in sorted(os.listdir(os.path.join(output, "datasets"))):
                    page = os.path.join("datasets", dataset, "index.html")
                    config = table_config(output, page) if os.path.isfile(os.path.join(output, page)) else None
                    if not config or not config.get("chunks"):
                        continue
                    driver.get(server.base + "datasets/%s/" % dataset)
                    if not wait_loaded(driver):
                        report.check("%s: table loaded" % dataset, False)
                        continue
                    with open(os.path.join(output, "datasets", dataset, dataset + ".csv"), "rb") as handle:
                        wanted = handle.read()
                    data = download(driver, downloads, "table-telecharger", ".csv")
                    report.check("%s: CSV of all rows equals the server's CSV" % dataset, data == wanted,
                                 "%s bytes vs %d" % (len(data) if data else None, len(wanted)))
                    if config.get("geometry"):
                        with open(os.path.join(output, "datasets", dataset, dataset + ".geojson"), "rb") as handle:
                            wanted = handle.read()
                        data = download(driver, downloads, "table-telecharger-geojson", ".geojson")
                        report.check("%s: GeoJSON of all rows equals the server's GeoJSON" % dataset, data == wanted,
                                     "%s bytes vs %d" % (len(data) if data else None, len(wanted)))
                report.no_console_errors("no console error on the other dataset pages", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(downloads, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
