#!/usr/bin/env python3
"""Screenshots of the main pages at desktop and phone widths, with the checks a person
would make first: no console error, no sideways scrolling on a phone, a real PNG each time.

usage: test_screenshots.py OUTPUT_DIR

Pages: the home page, datasets/cinemas-actifs/ (table and map), a record page of it, the
agenda, an event page, a page of pages/, the members' page and a table embed. Widths: 1280
and 375 px, and 320 px for the home page. Each page is served with the portal's own headers
(its Content-Security-Policy) and shot whole: the viewport is set to the page's height,
up to 8,000 px.

The PNG files go to $PORTAIL_SCREENSHOTS, else to .artifacts/screenshots/ at the root of
the repository (git-ignored), named <page>-<width>.png. The members' page exists only in
a build with a members' passphrase: when OUTPUT_DIR has none, the example is built again
with one into a temporary folder (the binary as in test_members.py). See README.md.
"""

import os
import re
import shutil
import struct
import sys
import time

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from browserkit import (  # noqa: E402
    Console, LocalServer, Report, crash, make_driver, output_dir_from_argv, site_headers,
    temporary_folder, tile_hosts, wait_for,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DESKTOP, PHONE, SMALL = 1280, 375, 320
MOBILE_BELOW = 768     # narrower viewports are emulated as a phone (meta viewport, touch)
FIRST_HEIGHT = 900
MAX_HEIGHT = 8000      # a full page up to this height; longer pages are cut there
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def screenshot_folder():
    folder = os.environ.get("PORTAIL_SCREENSHOTS") or os.path.join(REPO, ".artifacts", "screenshots")
    os.makedirs(folder, exist_ok=True)
    return folder


def first_link(output, page, pattern):
    """The first href of a built page that matches `pattern`, resolved against the page's
    folder, relative to the output folder."""
    with open(os.path.join(output, page), encoding="utf-8") as handle:
        text = handle.read()
    for href in re.findall(r'href="([^"#?]+)"', text):
        if re.search(pattern, href):
            return os.path.normpath(os.path.join(os.path.dirname(page), href)).replace(os.sep, "/")
    return None


def record_page(output, dataset):
    """The record page of the first row of a dataset's CSV export."""
    with open(os.path.join(output, "datasets", dataset, dataset + ".csv"), encoding="utf-8") as handle:
        handle.readline()
        first = handle.readline()
    folder = os.path.join("datasets", dataset)
    for value in first.split(";")[:3]:
        if os.path.isfile(os.path.join(output, folder, value.strip('"') + ".html")):
            return "%s/%s.html" % (folder, value.strip('"'))
    return None


def png_size(data):
    """(width, height) of a PNG, or None when the bytes are not one."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


READY = """
const t = window.PortailTable, m = window.PortailMap;
if (document.readyState !== 'complete') return false;
if (t && !t.complete) return false;
if (m && m.timings && m.timings.allDrawn === null && m.shown > 0) return false;
return true;
"""

# With a phone's emulation, Chrome zooms out a page wider than the device and innerWidth
# grows with it: the device's width (arguments[0]) is the reference, not innerWidth alone.
OVERFLOW = """
const root = document.documentElement, width = arguments[0];
// The widest elements past the right edge that are not inside a scrolling box, for the report.
const culprits = [];
for (const element of document.body.querySelectorAll('*')) {
  const r = element.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 0.5) continue;
  let clipped = false;
  for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o !== 'visible') { clipped = true; break; }
  }
  if (clipped) continue;
  const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
    + (element.classList.length ? '.' + Array.from(element.classList).join('.') : '');
  culprits.push(name + ' ' + Math.round(r.right) + 'px');
  if (culprits.length >= 4) break;
}
return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, culprits};
"""


def set_viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < MOBILE_BELOW})


def shoot(driver, report, console, url, name, width, folder, prepare=None):
    """Opens `url` at `width`, checks it, and saves <name>-<width>.png (the whole page)."""
    label = "%s at %d px" % (name, width)
    set_viewport(driver, width, FIRST_HEIGHT)
    driver.get(url)
    wait_for(driver, READY, 20)
    if prepare:
        prepare(driver)
    driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")
    # The page's own height, as tall as the viewport may be: a viewport set to it shows the
    # whole page at once. Some heights depend on the viewport (75vh), so measure again.
    height = FIRST_HEIGHT
    for _ in range(4):
        wanted = min(MAX_HEIGHT, max(FIRST_HEIGHT, driver.execute_script("return document.documentElement.scrollHeight;")))
        if wanted == height:
            break
        height = wanted
        set_viewport(driver, width, height)
        time.sleep(0.2)
    wait_for(driver, READY, 10)
    time.sleep(0.3)  # the map's canvas and the transitions settle
    report.no_console_errors("%s: no console error" % label, console)
    if width < MOBILE_BELOW:
        overflow = driver.execute_script(OVERFLOW, width)
        report.check("%s: no sideways scrolling (scrollWidth <= innerWidth = %d)" % (label, width),
                     overflow["innerWidth"] == width and overflow["scrollWidth"] <= width,
                     "scrollWidth %d, innerWidth %d; past the edge: %s" % (
                         overflow["scrollWidth"], overflow["innerWidth"], ", ".join(overflow["culprits"]) or "none found"))
    data = driver.get_screenshot_as_png()
    path = os.path.join(folder, "%s-%d.png" % (name, width))
    with open(path, "wb") as handle:
        handle.write(data)
    with open(path, "rb") as handle:
        written = handle.read()
    size = png_size(written)
    report.check("%s: screenshot saved, a PNG %s px" % (label, "%d×%d" % size if size else "?"),
                 size is not None and size[0] == width and len(written) > 1000,
                 "%s (%d bytes)" % (os.path.relpath(path, REPO) if path.startswith(REPO) else path, len(written)))
    return path


def members_output(output, report, root):
    """(folder, passphrase) of a build with the members' page: OUTPUT_DIR when it has one
    (passphrase unknown), else the example built again into `root` with test_members.py's
    passphrase. (None, None) when no binary can build it."""
    if os.path.isfile(os.path.join(output, "members", "index.html")):
        return output, None
    import test_members  # noqa: E402 (its build, binary and passphrase)
    binary = test_members.portail_binary()
    if not report.check("a portail binary to build the members' edition", bool(binary),
                        "" if binary else "none in .build/release or .build/debug: run swift build"):
        return None, None
    folder = os.path.join(root, "Output")
    status, log = test_members.build(binary, folder)
    if not report.check("the example builds with a members' passphrase (for the members' page)",
                        status == 0 and os.path.isfile(os.path.join(folder, "members", "index.html")), log[-500:]):
        return None, None
    return folder, test_members.PASSPHRASE


def main():
    output = output_dir_from_argv(sys.argv)
    report = Report("screenshots")
    folder = screenshot_folder()
    print("screenshots in %s" % folder, flush=True)
    record = record_page(output, "cinemas-actifs")
    event = first_link(output, "agenda/index.html", r"events/[^/]+\.html$")
    static = first_link(output, "index.html", r"^pages/[^/]+\.html$")
    pages = [
        ("home", "index.html", (DESKTOP, PHONE, SMALL), False),
        ("dataset-cinemas-actifs", "datasets/cinemas-actifs/", (DESKTOP, PHONE), False),
        ("record", record, (DESKTOP, PHONE), False),
        ("agenda", "agenda/index.html", (DESKTOP, PHONE), False),
        ("event", event, (DESKTOP, PHONE), False),
        ("page", static, (DESKTOP, PHONE), False),
        ("embed-table", "embed/cinemas-actifs/table.html?commune=Paris", (DESKTOP, PHONE), True),
    ]
    missing = [name for name, path, _widths, _embed in pages if not path]
    report.check("every page to shoot exists (record %s, event %s, page %s)" % (record, event, static), not missing, repr(missing))
    root = temporary_folder("portail-screenshots-")
    hosts = tile_hosts(output)
    try:
        driver = make_driver(DESKTOP, FIRST_HEIGHT)
        try:
            with LocalServer(output, headers=site_headers(output)) as server:
                for name, path, widths, embed in pages:
                    if not path:
                        continue
                    console = Console(driver, hosts, ignore_favicon=embed)
                    for width in widths:
                        shoot(driver, report, console, server.base + path, name, width, folder)

            # The members' page, locked, then opened with the passphrase when it is known.
            members_folder, passphrase = members_output(output, report, root)
            if members_folder:
                with LocalServer(members_folder, headers=site_headers(members_folder)) as server:
                    console = Console(driver, tile_hosts(members_folder))
                    for width in (DESKTOP, PHONE):
                        shoot(driver, report, console, server.base + "members/index.html", "members", width, folder)
                    if passphrase:
                        def unlock(driver_):
                            field = driver_.find_element(By.ID, "members-passphrase")
                            field.send_keys(passphrase + Keys.ENTER)
                            wait_for(driver_, "return window.PortailMembers && PortailMembers.state === 'open';", 20)

                        for width in (DESKTOP, PHONE):
                            shoot(driver, report, console, server.base + "members/index.html", "members-open", width, folder, unlock)
                            driver.execute_script("sessionStorage.clear();")
        except Exception as error:  # noqa: BLE001 — any crash is a failed check
            crash(report, error)
        finally:
            driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
