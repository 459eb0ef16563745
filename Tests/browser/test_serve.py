#!/usr/bin/env python3
"""`portail serve`: the live preview, in Chromium.

usage: test_serve.py OUTPUT_DIR

The folder argument is only the usual one: this test runs `portail serve` ($PORTAIL_BIN, else
the newer of .build/release/portail and .build/debug/portail) on a copy of Content/ in a
temporary folder, on a free port, and edits that copy. See README.md ("test_serve.py").
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

from browserkit import (  # noqa: E402
    portail_binary,
    Console, Report, crash, make_driver, output_dir_from_argv, temporary_folder, tile_hosts, wait_for, wait_until,
)

DATASET = "barometre-hebdomadaire"
CSV = os.path.join("datasets", DATASET, "barometre-2025.csv")
# The first week's national admissions: shown in the table's first page.
ORIGINAL = "4022491"
EDITED = "4022497"
# The budget from saving a file to the open page showing the change (issue 8).
BUDGET_S = 1.0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url):
    """(status, headers, body) of a GET, errors and redirects included (not followed)."""
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def status(base):
    try:
        return json.loads(fetch(base + "__portail/status")[2])
    except (OSError, ValueError):
        return None


def edit(path, old, new):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    assert old in text, "%s not in %s" % (old, path)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))


def digits(driver):
    """The page's text without spaces (numbers are grouped with narrow no-break spaces)."""
    return re.sub(r"\s", "", driver.execute_script("return document.body.innerText") or "")


def check_files(report, base, content_csv):
    code, headers, body = fetch(base)
    report.check("GET / is the catalogue, with the live-reload script added",
                 code == 200 and headers.get("Content-Type", "").startswith("text/html")
                 and b'<script src="/__portail/live.js"></script>' in body, "%s %s" % (code, headers.get("Content-Type")))
    for path, expected in (("agenda.ics", "text/calendar"), ("catalog.ttl", "text/turtle"),
                           ("datasets/cinemas-actifs/cinemas-actifs.geojson", "application/geo+json"),
                           ("datasets/%s/%s.csv" % (DATASET, DATASET), "text/csv"),
                           ("api/openapi.json", "application/json")):
        code, headers, _ = fetch(base + path)
        report.check("%s is served as %s" % (path, expected),
                     code == 200 and headers.get("Content-Type", "").startswith(expected), "%s %s" % (code, headers.get("Content-Type")))
    code, headers, _ = fetch(base + "datasets/cinemas-actifs?commune=Rennes")
    report.check("a folder without its slash redirects to it, query kept",
                 code == 301 and headers.get("Location", "") == "/datasets/cinemas-actifs/?commune=Rennes",
                 "%s %s" % (code, headers.get("Location")))
    code, _, body = fetch(base + "nulle-part.html")
    report.check("a missing page is a 404 with the portal's page", code == 404 and b"<html" in body, str(code))
    code, _, _ = fetch(base + "%2e%2e/%2e%2e/etc/passwd")
    report.check("no way out of the output folder", code == 404, str(code))
    code, _, body = fetch(base + "datasets/%s/%s.csv" % (DATASET, DATASET))
    report.check("the served CSV has the source's value", ORIGINAL in body.decode("utf-8-sig"), "")


def check_port_in_use(report, binary, content, port, root):
    process = subprocess.run([binary, "serve", "--content", content, "--output", os.path.join(root, "Other"),
                              "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=30)
    report.check("a second serve on the same port exits with status 1 and says why",
                 process.returncode == 1 and "already in use" in process.stdout and "--port" in process.stdout,
                 "%s: %s" % (process.returncode, process.stdout.strip()[:200]))
    report.check("and writes nothing", not os.path.exists(os.path.join(root, "Other")))


def check_reload(report, driver, base, csv_path, output):
    driver.get(base + "datasets/%s/" % DATASET)
    report.check("the dataset page shows the value of the source", ORIGINAL in digits(driver))
    wait_for(driver, "return window.performance && document.readyState === 'complete'")
    time.sleep(0.5)  # the page's first status poll has answered
    driver.execute_script("window.__portailBeforeEdit = true")
    start = time.monotonic()
    edit(csv_path, ORIGINAL, EDITED)
    shown = wait_until(lambda: EDITED in digits(driver) and
                       not driver.execute_script("return window.__portailBeforeEdit === true"), timeout=15, interval=0.02)
    elapsed = time.monotonic() - start
    report.check("the open page reloads itself with the edited value", bool(shown), "%.2f s" % elapsed)
    report.check("within %.1f s of saving the CSV file" % BUDGET_S, shown and elapsed <= BUDGET_S, "%.2f s" % elapsed)
    with open(os.path.join(output, "datasets", DATASET, DATASET + ".csv"), encoding="utf-8-sig") as handle:
        report.check("the output folder holds the new export", EDITED in handle.read())


def check_error(report, driver, base, csv_path, content):
    before = status(base)["build"]
    edit(csv_path, EDITED, "4O22497")  # a letter O in an integer column
    # `edit` empties the file, then writes it, as many editors save: on a busy machine a build
    # can start in between and report the empty file; the build after the write replaces the
    # overlay with the cell's error, which is what is checked.
    script = "var p = document.getElementById('portail-serve-errors'); return p && p.innerText"
    panel = wait_for(driver, script.replace("p.innerText", "p.innerText.indexOf('4O22497') >= 0 && p.innerText"), timeout=15)
    panel = panel or driver.execute_script(script)
    relative = os.path.join(content, CSV)
    report.check("a content error shows over the open page", bool(panel), (panel or "")[:120])
    panel = panel or ""
    location = re.search(re.escape(relative) + r":(\d+):(\d+)", panel)
    report.check("with the file:line:column of the cell", bool(location) and location.group(1) == "2",
                 location.group(0) if location else panel[:200])
    report.check("its source line, with a caret under the column", "4O22497" in panel and "^" in panel, "")
    report.check("the overlay is an alert", driver.execute_script(
        "return document.getElementById('portail-serve-errors').getAttribute('role')") == "alert")
    report.check("the page still shows the last good build", EDITED in digits(driver))
    code, _, body = fetch(base + "datasets/%s/%s.csv" % (DATASET, DATASET))
    report.check("and the server still serves it", code == 200 and EDITED in body.decode("utf-8-sig"))
    now = status(base)
    report.check("/__portail/status says failed, and the build number stays",
                 now and now["state"] == "failed" and now["build"] == before
                 and any(p["severity"] == "error" and "4O22497" in (p.get("source") or "") for p in now["problems"]), "")
    driver.execute_script("window.__portailBeforeFix = true")
    edit(csv_path, "4O22497", ORIGINAL)
    fixed = wait_until(lambda: ORIGINAL in digits(driver) and
                       not driver.execute_script("return window.__portailBeforeFix === true") and
                       not driver.execute_script("return !!document.getElementById('portail-serve-errors')"), timeout=15)
    report.check("once fixed, the page reloads without the overlay", bool(fixed))


def main():
    output_dir_from_argv(sys.argv)
    report = Report("serve")
    binary = portail_binary()
    if not binary:
        report.check("a portail binary", False, "none in .build/release or .build/debug: run swift build")
        return report.finish()
    root = temporary_folder("portail-serve-")
    content = os.path.join(root, "Content")
    output = os.path.join(root, "Output")
    shutil.copytree(os.path.join(REPO, "Content"), content)
    csv_path = os.path.join(content, CSV)
    port = free_port()
    base = "http://127.0.0.1:%d/" % port
    log_path = os.path.join(root, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([binary, "serve", "--content", content, "--output", output, "--port", str(port)],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        ready = wait_until(lambda: (status(base) or {}).get("build", 0) >= 1 or server.poll() is not None, timeout=180, interval=0.2)
        if not report.check("portail serve builds and answers on 127.0.0.1:%d" % port, ready and server.poll() is None,
                            open(log_path).read()[-500:]):
            return report.finish()
        check_files(report, base, csv_path)
        check_port_in_use(report, binary, content, port, root)
        driver = make_driver(1280, 900)
        try:
            console = Console(driver, tile_hosts(output))
            check_reload(report, driver, base, csv_path, output)
            check_error(report, driver, base, csv_path, content)
            report.no_console_errors("no console error while serving", console)
        except Exception as error:  # noqa: BLE001 — any crash is a failed check
            crash(report, error)
        finally:
            driver.quit()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        print("serve log:\n  " + "\n  ".join(open(log_path).read().strip().splitlines()[-8:]), flush=True)
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
