"""Shared pieces of the browser tests: a local server, headless Chromium, console checks and
the report. See README.md in this folder.

Nothing here reaches the network: the server binds 127.0.0.1 on a free port, and Chromium
resolves every other host name to "not found" (--host-resolver-rules), so that map tiles fail
at once instead of leaving the machine.
"""

import functools
import http.server
import json
import os
import re
import shutil
import socketserver
import sys
import tempfile
import threading
import time
import unicodedata
from urllib.parse import urlsplit

try:
    from selenium import webdriver
    from selenium.common.exceptions import JavascriptException, TimeoutException, WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
except ImportError:  # run_all.py reports it; the tests themselves need selenium
    webdriver = None

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_PATHS = ("chromedriver", "/usr/lib/chromium/chromedriver", "/usr/lib/chromium-browser/chromedriver")


def find_browser():
    for name in BROWSER_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def find_driver():
    for name in DRIVER_PATHS:
        path = shutil.which(name) if not os.path.isabs(name) else (name if os.access(name, os.X_OK) else None)
        if path:
            return path
    return None


# ------------------------------------------------------------------------------ Server

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{
        ".js": "text/javascript", ".json": "application/json", ".geojson": "application/geo+json",
        ".svg": "image/svg+xml", ".css": "text/css",
    })

    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass

    def end_headers(self):
        # Every test starts from fresh files.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class LocalServer:
    """python's http.server on 127.0.0.1, on a free port, in a thread. `headers`: extra
    response headers, {name: value}, sent with every file (a Content-Security-Policy…)."""

    def __init__(self, root, headers=None):
        handler_class = _QuietHandler
        if headers:
            extra = list(headers.items())

            class handler_class(_QuietHandler):  # noqa: N801 (a local subclass)
                def end_headers(self):
                    for name, value in extra:
                        self.send_header(name, value)
                    super().end_headers()

        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.base = "http://127.0.0.1:%d/" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------------------ Browser

def make_driver(width=1280, height=900, download_dir=None, mobile=False):
    """Headless Chromium with its console log kept, at a given viewport size."""
    options = Options()
    browser = find_browser()
    if browser:
        options.binary_location = browser
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=%d,%d" % (width, height), "--lang=fr-FR",
        # No request leaves the machine: every host but the local server is "not found".
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--no-first-run", "--disable-extensions", "--disable-background-networking",
        # The theme scrolls smoothly otherwise, and a click during a smooth scroll misses.
        "--force-prefers-reduced-motion",
    ):
        options.add_argument(argument)
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}})
    if download_dir:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(find_driver()), options=options)
    driver.set_script_timeout(30)
    if download_dir:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def wait_for(driver, script, timeout=15.0, interval=0.05, *args):
    """Runs `script` (a JS expression body returning a value) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = driver.execute_script(script, *args)
        except JavascriptException:
            last = None
        if last:
            return last
        time.sleep(interval)
    return last


def wait_until(predicate, timeout=15.0, interval=0.05):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return value


def wait_for_download(folder, suffix, timeout=15.0):
    """The path of the first finished file ending with `suffix` in `folder`."""
    def finished():
        for name in os.listdir(folder):
            if name.endswith(suffix) and not name.endswith(".crdownload"):
                path = os.path.join(folder, name)
                if os.path.getsize(path) > 0:
                    return path
        return None
    return wait_until(finished, timeout)


# ------------------------------------------------------------------------------ Console

def tile_hosts(output_dir):
    """Host names of the map tiles configured in the portal's pages."""
    hosts = set()
    for folder in ("datasets", "embed"):
        base = os.path.join(output_dir, folder)
        if not os.path.isdir(base):
            continue
        for root, _dirs, files in os.walk(base):
            for name in files:
                if not name.endswith(".html"):
                    continue
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    text = handle.read()
                match = re.search(r'<script type="application/json" id="map-config">(.*?)</script>', text, re.S)
                if match:
                    try:
                        tiles = json.loads(match.group(1)).get("tiles", "")
                    except ValueError:
                        continue
                    host = urlsplit(tiles.replace("{s}", "a")).hostname
                    if host:
                        hosts.add(host)
    return hosts


class Console:
    """Reads Chromium's console and keeps the entries that count as errors.

    Two kinds of SEVERE entries are not JavaScript errors and are left out:
    - failed requests for map tiles (the tests run offline, so every tile fails, and Chromium
      logs each failed request as a SEVERE "Failed to load resource" entry);
    - with `ignore_favicon`, the /favicon.ico request Chromium makes by itself for a page
      opened on its own that names no icon (the embed pages, when a test opens them directly).
    Everything else at SEVERE level (exceptions, failed scripts or data files) is an error.
    """

    def __init__(self, driver, hosts, ignore_favicon=False):
        self.driver = driver
        self.hosts = set(hosts)
        self.ignore_favicon = ignore_favicon
        self.errors = []

    def _ignored(self, message):
        if "Failed to load resource" in message:
            url = message.split(" ", 1)[0]
            parts = urlsplit(url)
            if parts.hostname in self.hosts:
                return True
            if self.ignore_favicon and parts.path.endswith("/favicon.ico"):
                return True
        return False

    def read(self):
        for entry in self.driver.get_log("browser"):
            if entry.get("level") == "SEVERE" and not self._ignored(entry.get("message", "")):
                self.errors.append(entry["message"])
        return self.errors


# ------------------------------------------------------------------------------ Report

class Report:
    """One line per check, then "N passed, M failed"."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, label, ok, detail=""):
        if ok:
            self.passed += 1
            short = detail if detail and len(detail) <= 90 else ""
            print("PASS %s" % label + (" (%s)" % short if short else ""), flush=True)
        else:
            self.failed += 1
            print("FAIL %s" % label + (": %s" % detail if detail else ""), flush=True)
        return bool(ok)

    def no_console_errors(self, label, console):
        errors = console.read()
        return self.check(label, not errors, "; ".join(e[:300] for e in errors[:5]))

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed), flush=True)
        return 0 if self.failed == 0 else 1


def crash(report, error):
    """An unexpected exception counts as a failed check, with its message."""
    report.check("test ran to the end", False, "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else ""))


def output_dir_from_argv(argv):
    if len(argv) < 2 or not os.path.isdir(argv[1]):
        print("usage: %s OUTPUT_DIR (a built portal)" % os.path.basename(argv[0]), file=sys.stderr)
        sys.exit(2)
    return os.path.abspath(argv[1])


def site_headers(output_dir, pattern="/*"):
    """The headers the portal's `_headers` file (Netlify, Cloudflare Pages) gives a path
    pattern, {name: value}: the Content-Security-Policy of every page, for instance."""
    headers = {}
    path = os.path.join(output_dir, "_headers")
    if not os.path.isfile(path):
        return headers
    current = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace():
                current = line.strip()
            elif current == pattern and ":" in line:
                name, value = line.strip().split(":", 1)
                headers[name.strip()] = value.strip()
    return headers


def portail_binary():
    """$PORTAIL_BIN, else the newer of .build/release/portail and .build/debug/portail (a
    release binary left from an older build would miss recent changes); None when there is none."""
    explicit = os.environ.get("PORTAIL_BIN")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = [os.path.join(repo, ".build", kind, "portail") for kind in ("release", "debug")]
    found = [path for path in found if os.access(path, os.X_OK)]
    return max(found, key=os.path.getmtime) if found else None


def temporary_folder(prefix):
    return tempfile.mkdtemp(prefix=prefix)


# ------------------------------------------------------------------------------ Data

def fold(text):
    """table.js's folding: lower case, accents and ligatures away, spaces unified."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"\s", " ", text)


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def table_config(output_dir, page):
    """The #table-config of a built page (path relative to the output folder)."""
    with open(os.path.join(output_dir, page), encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r'<script type="application/json" id="table-config">(.*?)</script>', text, re.S)
    return json.loads(match.group(1)) if match else None


def dataset_rows(output_dir, dataset):
    """Every row of a dataset as its table chunks hold them (the dataset page's data)."""
    config = table_config(output_dir, os.path.join("datasets", dataset, "index.html"))
    rows = []
    for chunk in config["chunks"]:
        rows.extend(load_json(os.path.join(output_dir, "datasets", dataset, chunk)))
    return config, rows


def split_csv_records(text):
    """The records of an RFC 4180 text, each as its raw text (quotes kept), CRLF removed."""
    records = []
    start = 0
    quoted = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            records.append(text[start:i])
            i += 2
            start = i
            continue
        i += 1
    if start < n:
        records.append(text[start:])
    return records


def ics_text_events(text):
    """The VEVENTs of an iCalendar text, each a dict {NAME: value}: folded lines joined,
    parameters left out (DTSTART;TZID=Europe/Paris:20261211T151500 gives DTSTART), the first
    value of a repeated property kept."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    events = []
    current = None
    for line in re.split(r"\r?\n", unfolded):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            if current is not None:
                events.append(current)
            current = None
        elif current is not None and ":" in line:
            head, value = line.split(":", 1)
            name = head.split(";", 1)[0].upper()
            current.setdefault(name, value)
    return events


def ics_events(path):
    """The VEVENTs of an iCalendar file (see ics_text_events)."""
    with open(path, encoding="utf-8") as handle:
        return ics_text_events(handle.read())


def uid_id(uid):
    """The event id in a UID the portal writes ("<id>@<host>")."""
    return uid.rsplit("@", 1)[0]

