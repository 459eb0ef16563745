#!/usr/bin/env python3
"""Embeds in a third-party page: the filtered table inside the iframe, and iframes that take
the height of their content (embed.js), on a host page with hostile CSS.

usage: test_embed.py OUTPUT_DIR

A temporary web root holds the portal under /portail/ (a symbolic link to OUTPUT_DIR) and a
host page at /host/index.html, outside the portal's files. The host page pastes the embed
codes the dataset pages document (their textareas), with the portal's address replaced by
/portail/: the cinemas table filtered on commune=Paris, and the barometer's chart. Its CSS
forces content-box sizing on everything, a 5 px red border and a 40 px height on iframes.
See README.md.
"""

import html
import os
import re
import shutil
import sys
import time

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, dataset_rows, fold, make_driver, output_dir_from_argv,
    temporary_folder, tile_hosts, wait_for, wait_until,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

TABLE_DATASET = "cinemas-actifs"
FILTER_COLUMN = "commune"
FILTER_TEXT = "Paris"
CHART_DATASET = "barometre-hebdomadaire"

HOSTILE_CSS = """
* { box-sizing: content-box !important; }
html { font-size: 30px; }
body { margin: 2rem; font-family: serif; }
iframe { border: 5px solid red; height: 40px !important; width: 90%; display: block; margin: 1rem 0; }
"""


def embed_code(output, dataset, view):
    """The embed code a dataset page documents, and the address it names."""
    with open(os.path.join(output, "datasets", dataset, "index.html"), encoding="utf-8") as handle:
        page = handle.read()
    match = re.search(r'<details class="embed-panel" data-view="%s" data-src="([^"]*)">.*?<textarea[^>]*>(.*?)</textarea>' % view, page, re.S)
    if not match:
        raise AssertionError("no embed panel for %s/%s" % (dataset, view))
    return html.unescape(match.group(1)), html.unescape(match.group(2))


def host_page(output):
    table_src, table_code = embed_code(output, TABLE_DATASET, "table")
    chart_src, chart_code = embed_code(output, CHART_DATASET, "chart")
    site = table_src[: table_src.index("embed/")]
    # The documented code, moved to this server, the table filtered through its address.
    table_code = table_code.replace('src="%s"' % table_src, 'src="%s?%s=%s"' % (table_src, FILTER_COLUMN, FILTER_TEXT))
    table_code = table_code.replace(site, "/portail/")
    chart_code = chart_code.replace(site, "/portail/")
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
<p>Cinemas in Paris:</p>
%s
<p>And a chart:</p>
%s
<p>The end.</p>
</body>
</html>
""" % (HOSTILE_CSS, table_code, chart_code)


def frame_sizes(driver, frame):
    """(height of the iframe's content box, height of the document inside it)."""
    outer = driver.execute_script(
        "const f = arguments[0], s = getComputedStyle(f);"
        "return {content: f.getBoundingClientRect().height - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth)"
        " - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom), style: f.style.height};", frame)
    driver.switch_to.frame(frame)
    try:
        inner = driver.execute_script("return Math.ceil(document.documentElement.getBoundingClientRect().height);")
    finally:
        driver.switch_to.default_content()
    return outer["content"], inner


def fits(driver, frame, minimum=41):
    content, inner = frame_sizes(driver, frame)
    return (content, inner) if content >= minimum and abs(content - inner) <= 1 else None


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("embed")
    config, rows = dataset_rows(output, TABLE_DATASET)
    column = [c["name"] for c in config["columns"]].index(FILTER_COLUMN)
    expected = [row for row in rows if isinstance(row[column], str) and fold(FILTER_TEXT) in fold(row[column])]
    print("host page embeds %s/table.html?%s=%s (%d rows) and %s/chart.html" % (
        TABLE_DATASET, FILTER_COLUMN, FILTER_TEXT, len(expected), CHART_DATASET), flush=True)

    root = temporary_folder("portail-embed-")
    try:
        os.symlink(output, os.path.join(root, "portail"))
        os.mkdir(os.path.join(root, "host"))
        with open(os.path.join(root, "host", "index.html"), "w", encoding="utf-8") as handle:
            handle.write(host_page(output))
        hosts = tile_hosts(output)
        with LocalServer(root) as server:
            driver = make_driver(1280, 1000)
            try:
                console = Console(driver, hosts)
                driver.get(server.base + "host/index.html")
                frames = driver.find_elements(By.CSS_SELECTOR, "iframe[data-portail-embed]")
                report.check("host page holds the two documented embeds", len(frames) == 2, "%d iframes" % len(frames))
                table_frame, chart_frame = frames[0], frames[1]

                # 1. The embedded table shows the filtered rows only.
                driver.switch_to.frame(table_frame)
                try:
                    wait_for(driver, "return window.PortailTable && PortailTable.complete;", 20)
                    inside = driver.execute_script(
                        "const t = PortailTable, c = arguments[0];"
                        "return {filtered: Array.from(t.filtered, (r) => t.rows[r][c]),"
                        " shown: Array.from(document.querySelectorAll('#table-donnees tbody tr'), (tr) => tr.children[c].textContent),"
                        " status: document.getElementById('table-statut').textContent,"
                        " field: document.querySelector('.table-filters input[data-column=\"' + c + '\"]').value};", column)
                finally:
                    driver.switch_to.default_content()
                report.check("embedded table keeps only the %d rows of its filter" % len(expected),
                             len(inside["filtered"]) == len(expected), "%d rows" % len(inside["filtered"]))
                report.check("every row shown in the iframe matches the filter",
                             inside["shown"] and all(fold(FILTER_TEXT) in fold(text) for text in inside["shown"]),
                             repr(inside["shown"][:5]))
                report.check("embedded table shows its first page", len(inside["shown"]) == min(20, len(expected)),
                             "%d rows on the page" % len(inside["shown"]))
                report.check("the filter field shows the address's filter", inside["field"] == FILTER_TEXT, repr(inside["field"]))

                # 2. The iframes take the height of their content, despite the host's CSS.
                sized = wait_until(lambda: fits(driver, table_frame), 15)
                report.check("table iframe grew from 40 px to its content's height", bool(sized),
                             "iframe %s px, content %s px" % frame_sizes(driver, table_frame))
                first_height = sized[0] if sized else 0
                chart_sized = wait_until(lambda: fits(driver, chart_frame), 15)
                report.check("chart iframe, on the same page, has its own content's height", bool(chart_sized),
                             "iframe %s px, content %s px" % frame_sizes(driver, chart_frame))

                driver.switch_to.frame(chart_frame)
                try:
                    scrollbar = wait_for(driver, "return document.documentElement.clientWidth === window.innerWidth;", 5)
                    widths = driver.execute_script("return [document.documentElement.clientWidth, window.innerWidth];")
                finally:
                    driver.switch_to.default_content()
                report.check("no scroll bar inside the sized chart iframe", bool(scrollbar), "%s" % widths)

                # 3. A bigger page inside the iframe makes the iframe grow again.
                driver.switch_to.frame(table_frame)
                try:
                    Select(driver.find_element(By.ID, "table-taille")).select_by_value("100")
                    wait_for(driver, "return document.querySelectorAll('#table-donnees tbody tr').length === arguments[0];", 10, 0.05, min(100, len(expected)))
                    embed_address = driver.execute_script("return location.search;")
                finally:
                    driver.switch_to.default_content()
                grown = wait_until(lambda: (lambda s: s if s and s[0] > first_height + 100 else None)(fits(driver, table_frame)), 15)
                report.check("iframe resized after the page size changed inside it", bool(grown),
                             "%s px before, %s after" % (first_height, frame_sizes(driver, table_frame)))
                report.check("the embed's address keeps its view (URL state)", "size=100" in embed_address
                             and ("%s=%s" % (FILTER_COLUMN, FILTER_TEXT)) in embed_address, embed_address)

                # 4. Hostile messages change nothing.
                before = [frame_sizes(driver, frame)[0] for frame in frames]
                driver.execute_script("""
                    window.postMessage({type: 'portail:resize', height: 3}, '*');
                    window.postMessage({type: 'portail:resize', height: 'alert(1)'}, '*');
                    window.postMessage('portail:resize', '*');
                    for (const [attrs, payload] of [
                        ['data-portail-embed', {type: 'portail:resize', height: 7}],
                        ['', {type: 'portail:resize', height: 9}],
                        ['data-portail-embed', {type: 'portail:resize', height: Infinity}],
                    ]) {
                        const f = document.createElement('iframe');
                        if (attrs) f.setAttribute(attrs, '');
                        f.className = 'evil';
                        f.srcdoc = '<script>parent.postMessage(' + JSON.stringify(payload).replace('null', 'Infinity') + ', "*")<\\/script>';
                        document.body.appendChild(f);
                    }
                """)
                time.sleep(1.0)
                after = [frame_sizes(driver, frame)[0] for frame in frames]
                evil = driver.execute_script("return Array.from(document.querySelectorAll('iframe.evil'), (f) => f.style.height);")
                report.check("messages from the host itself, from other frames or with bad heights are ignored",
                             before == after and all(height == "" for height in evil), "%s → %s, evil frames %s" % (before, after, evil))
                report.check("embed.js loaded twice (once per embed code) listens once",
                             driver.execute_script("return window.__portailEmbedHost === true;"))
                report.no_console_errors("no console error in the host page or its embeds", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
