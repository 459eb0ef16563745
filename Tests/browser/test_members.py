#!/usr/bin/env python3
"""The members' space (members.js): the passphrase, the key kept for the tab, the members'
columns in a public table, a members-only table, the decrypted downloads, and locking.

usage: test_members.py OUTPUT_DIR

OUTPUT_DIR is not used: the members' edition needs a passphrase, so the test builds the
example content again, with a passphrase of its own, into a temporary folder. The portail
binary is $PORTAIL_BIN, else the newer of .build/release/portail and .build/debug/portail.
Expected values come from the content's sources (Content/datasets/…) and from the built
files, decrypted here in Python (hashlib for the key; AES-GCM with the `cryptography`
package, else `openssl enc -aes-256-ctr`, which decrypts without checking the tag). See
README.md.
"""

import base64
import csv
import hashlib
import hmac
import html
import json
import os
import re
import shutil
import subprocess
import sys

# No __pycache__ left in the source tree.
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from browserkit import (  # noqa: E402
    portail_binary,
    Console, LocalServer, Report, crash, load_json, make_driver, output_dir_from_argv,
    site_headers, temporary_folder, tile_hosts, wait_for, wait_for_download,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
PASSPHRASE = "Séance de minuit, 35 mm & sous-titres"
WRONG = "séance de minuit, 35 mm & sous-titres"
PUBLIC = "cinemas-actifs"            # public, with members' columns
PRIVATE = "annuaire-distributeurs"   # members-only
CINEMA = "321"                       # a cinema of PUBLIC, by key
MEMBERS_FIELD = "admissions_2022"    # one of PUBLIC's members' columns
MEMBERS_PAGE = "members/index.html"


# ------------------------------------------------------------------------------ Building

def build(binary, output):
    env = dict(os.environ, PORTAIL_MEMBERS_PASSPHRASE=PASSPHRASE)
    process = subprocess.run(
        [binary, "build", "--quiet", "--content", os.path.join(REPO, "Content"),
         "--theme", os.path.join(REPO, "Themes", "default"), "--output", output],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process.returncode, process.stdout


# ------------------------------------------------------------------------------ Decrypting in Python

class Sealed:
    """The members' key derived here, and the files it opens (None when AES is unavailable)."""

    def __init__(self, output):
        self.output = output
        params = load_json(os.path.join(output, "members", "params.json"))
        master = hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode("utf-8"), base64.b64decode(params["salt"]),
                                     params["iterations"], 32)
        self.key = hmac.new(master, params["encryptionLabel"].encode("utf-8"), hashlib.sha256).digest()
        self.manifest_path = params["manifest"]
        self.method = None
        try:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415
            self._aes = AESGCM(self.key)
            self.method = "cryptography"
        except ImportError:
            self._aes = None
            self._openssl = shutil.which("openssl")
            if self._openssl:
                self.method = "openssl AES-CTR, tag not checked"

    def open(self, path):
        with open(os.path.join(self.output, path), "rb") as handle:
            data = handle.read()
        if data[:4] != b"PTLM" or data[4] != 1:
            raise ValueError("%s is not a sealed file" % path)
        nonce, body = data[5:17], data[17:]
        if self._aes is not None:
            return self._aes.decrypt(nonce, body, path.encode("utf-8"))
        if self.method is None:
            return None
        # GCM encrypts with a counter that starts at nonce ‖ 00000002.
        return subprocess.run([self._openssl, "enc", "-d", "-aes-256-ctr", "-K", self.key.hex(),
                               "-iv", (nonce + b"\x00\x00\x00\x02").hex(), "-nopad"],
                              input=body[:-16], stdout=subprocess.PIPE, check=True).stdout

    def json(self, path):
        data = self.open(path)
        return None if data is None else json.loads(data.decode("utf-8"))


# ------------------------------------------------------------------------------ Expected values

def source(dataset):
    import yaml  # noqa: PLC0415 (the validator's venv has PyYAML)
    folder = os.path.join(REPO, "Content", "datasets", dataset)
    with open(os.path.join(folder, "dataset.yaml"), encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    src = spec.get("source", {})
    encoding = src.get("encoding", "utf-8")
    if encoding.lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # a byte-order mark, if any, is not part of the first name
    with open(os.path.join(folder, src["path"]), encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=src.get("delimiter", ";")))
    return spec, rows


def field(spec, name):
    return next(f for f in spec["fields"] if f["name"] == name)


def column_of(spec, name):
    entry = field(spec, name)
    return entry.get("column", name)


def page_config(output, page):
    """#members-config of a built page, with its `data-string-*` attributes merged into
    `strings` as members.js does (the configuration's own strings win)."""
    with open(os.path.join(output, page), encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r'<script type="application/json" id="members-config"([^>]*)>(.*?)</script>', text, re.S)
    config = json.loads(match.group(2))
    strings = {name: html.unescape(value) for name, value in re.findall(r'data-string-([a-z0-9_]+)="([^"]*)"', match.group(1))}
    strings.update(config.get("strings", {}))
    config["strings"] = strings
    return config


def group(number, separator):
    digits = str(abs(number))
    out = ""
    for i, ch in enumerate(digits):
        if i > 0 and (len(digits) - i) % 3 == 0:
            out += separator
        out += ch
    return ("-" if number < 0 else "") + out


def fill(template, **values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


# ------------------------------------------------------------------------------ Browser helpers

def wait_state(driver, states, timeout=20):
    return wait_for(driver, "return window.PortailMembers && arguments[0].includes(PortailMembers.state) ? PortailMembers.state : null;",
                    timeout, 0.05, list(states))


def members_page_state(driver):
    return driver.execute_script("""
        const input = document.getElementById('members-passphrase');
        const items = Array.from(document.querySelectorAll('[data-members-item]')).map((item) => {
            const box = item.querySelector('.members-list__downloads');
            return {id: item.dataset.membersItem, shown: !box.hidden && box.getClientRects().length > 0,
                    buttons: Array.from(box.querySelectorAll('button')).map((b) => [b.dataset.format, b.querySelector('.download__format').textContent, b.textContent.trim()])};
        });
        return {status: document.getElementById('members-status').textContent,
                invalid: input.getAttribute('aria-invalid'), described: input.getAttribute('aria-describedby') || '',
                focused: document.activeElement ? document.activeElement.id : null, value: input.value,
                fieldsShown: !document.querySelector('.members-form__fields').hidden,
                lockShown: !document.querySelector('.members-form__lock').hidden, items};""")


def storage(driver):
    return driver.execute_script("""
        const out = {session: {}, local: {}};
        for (let i = 0; i < sessionStorage.length; i++) out.session[sessionStorage.key(i)] = sessionStorage.getItem(sessionStorage.key(i));
        for (let i = 0; i < localStorage.length; i++) out.local[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
        out.cookie = document.cookie;
        return out;""")


def section_state(driver):
    return driver.execute_script("""
        const section = document.querySelector('[data-members-dataset]');
        const locked = section.querySelector('.members-data__locked');
        const content = section.querySelector('.members-data__content');
        return {state: PortailMembers.state, status: section.querySelector('.members-data__status').textContent,
                locked: !locked.hidden && locked.getClientRects().length > 0, content: !content.hidden,
                downloads: Array.from(content.querySelectorAll('.members-downloads button')).map((b) => b.dataset.format)};""")


def unlock(driver, base):
    driver.get(base + MEMBERS_PAGE)
    wait_for(driver, "return document.readyState === 'complete';", 10)
    field_ = driver.find_element(By.ID, "members-passphrase")
    field_.clear()
    field_.send_keys(PASSPHRASE + Keys.ENTER)
    return wait_state(driver, ("open", "failed"))


def add_startup_script(driver, source_text):
    return driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source_text})["identifier"]


def remove_startup_script(driver, identifier):
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": identifier})


def wait_table(driver, timeout=20):
    return wait_for(driver, "return window.PortailTable && PortailTable.complete;", timeout)


def header_titles(driver, table_id):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#' + arguments[0] + ' thead tr:first-child th')).map((th) => {
            const label = th.querySelector('.sort-button > span:first-child');
            const badge = th.querySelector('.badge');
            return {title: label ? label.firstChild.textContent.trim() : th.textContent.trim(), badge: badge ? badge.textContent : null,
                    members: th.classList.contains('members-column'), sortable: Boolean(th.querySelector('button.sort-button'))};
        });""", table_id)


def body_rows(driver, table_id):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))
            .map((tr) => Array.from(tr.cells, (td) => td.textContent));""", table_id)


# ------------------------------------------------------------------------------ Checks

def check_locked(report, driver, base, output):
    """Without a key, the pages are as published."""
    driver.get(base + "datasets/%s/" % PUBLIC)
    wait_table(driver)
    public_config = json.loads(re.search(r'id="table-config">(.*?)</script>',
                                         open(os.path.join(output, "datasets", PUBLIC, "index.html"), encoding="utf-8").read(), re.S).group(1))
    section = section_state(driver)
    count = driver.execute_script("return PortailTable.columns.length;")
    report.check("without a key, %s keeps its public columns only and its locked paragraph" % PUBLIC,
                 section["state"] == "locked" and section["locked"] and not section["content"]
                 and count == len(public_config["columns"]), repr((section, count)))
    driver.get(base + "datasets/%s/" % PRIVATE)
    wait_for(driver, "return document.readyState === 'complete';", 10)
    section = section_state(driver)
    rows = driver.execute_script("return document.querySelectorAll('#adherents-table-donnees tr').length;")
    report.check("…and %s shows no data, only the way to the members' page" % PRIVATE,
                 section["locked"] and not section["content"] and rows == 0, repr((section, rows)))


def check_members_page(report, driver, base, strings, sealed, manifest, folder):
    driver.get(base + MEMBERS_PAGE)
    wait_for(driver, "return document.readyState === 'complete';", 10)

    # 1. Empty, then wrong.
    driver.find_element(By.CSS_SELECTOR, '#members-unlock button[type="submit"]').click()
    page = members_page_state(driver)
    report.check("an empty passphrase is refused with its message, the field invalid and focused",
                 page["status"] == strings["members_empty_passphrase"] and page["invalid"] == "true"
                 and page["focused"] == "members-passphrase", repr(page)[:300])
    driver.find_element(By.ID, "members-passphrase").send_keys(WRONG + Keys.ENTER)
    state = wait_state(driver, ("failed", "open"))
    page = members_page_state(driver)
    report.check("a wrong passphrase says so (role=status) and marks the field",
                 state == "failed" and page["status"] == strings["members_wrong_passphrase"]
                 and page["invalid"] == "true" and "members-status" in page["described"].split()
                 and page["focused"] == "members-passphrase", repr(page)[:300])
    stored = storage(driver)
    report.check("…and shows no data and stores nothing",
                 all(not item["shown"] and not item["buttons"] for item in page["items"])
                 and stored["session"] == {} and stored["local"] == {}, repr((page["items"], stored))[:300])

    # 2. The right one, typed and sent with Enter.
    field_ = driver.find_element(By.ID, "members-passphrase")
    field_.send_keys(Keys.CONTROL, "a")
    field_.send_keys(Keys.DELETE)
    report.check("typing again clears the invalid mark", members_page_state(driver)["invalid"] is None)
    field_.send_keys(PASSPHRASE + Keys.ENTER)
    state = wait_state(driver, ("open", "failed"))
    page = members_page_state(driver)
    report.check("the right passphrase opens the space (role=status message, focus on the list)",
                 state == "open" and page["status"] == strings["members_unlocked"]
                 and page["focused"] == "members-datasets-titre" and page["value"] == ""
                 and not page["fieldsShown"] and page["lockShown"], repr(page)[:300])
    items = {item["id"]: item for item in page["items"]}
    if manifest is not None:
        expected = {entry["id"]: [f["format"] for f in entry["files"]] for entry in manifest["datasets"]}
        got = {key: [b[0] for b in item["buttons"]] for key, item in items.items()}
        report.check("every dataset lists its decrypted downloads (the manifest's files, in order)",
                     got == expected and all(item["shown"] for item in items.values()), repr(got)[:300])
    else:
        report.check("every dataset lists downloads, a CSV among them",
                     items and all(item["shown"] and "csv" in [b[0] for b in item["buttons"]] for item in items.values()),
                     repr(items)[:300])
    first = items.get(PRIVATE, {"buttons": [["", "", ""]]})["buttons"][0]
    report.check("…each button reads \"%s\", the format and the size" % strings["members_download"],
                 first[2].startswith(strings["members_download"] + " " + first[1] + " "), repr(first))

    # 3. What the tab keeps: the key, not the passphrase.
    stored = storage(driver)
    values = list(stored["session"].values()) + list(stored["local"].values()) + [stored["cookie"]]
    keys = list(stored["session"]) + list(stored["local"])
    report.check("the passphrase is kept nowhere (sessionStorage, localStorage, cookies)",
                 not any(PASSPHRASE in text or PASSPHRASE.lower() in text.lower() for text in values + keys), repr(stored)[:200])
    report.check("sessionStorage holds one entry, named after the site's address: the AES key (base64 of the derived bytes)",
                 len(stored["session"]) == 1 and base in next(iter(stored["session"]))
                 and next(iter(stored["session"].values())) == base64.b64encode(sealed.key).decode("ascii"),
                 repr(list(stored["session"]))[:200])

    # 4. A download: the decrypted CSV, under its name.
    driver.execute_script("""
        window.__blobs = [];
        const original = URL.createObjectURL;
        URL.createObjectURL = function (blob) { window.__blobs.push(blob); return original.call(URL, blob); };""")
    driver.find_element(By.CSS_SELECTOR, '[data-members-item="%s"] button[data-format="csv"]' % PRIVATE).click()
    path = wait_for_download(folder, "%s.csv" % PRIVATE)
    data = open(path, "rb").read() if path else b""
    blob_type = driver.execute_script("return window.__blobs.length ? window.__blobs[0].type : null;")
    expected = sealed.open("members/datasets/%s/%s.csv.enc" % (PRIVATE, PRIVATE))
    if expected is not None:
        report.check("the CSV button saves %s.csv, byte for byte the file decrypted in Python (%s)" % (PRIVATE, sealed.method),
                     data == expected and blob_type == "text/csv", "%d bytes, type %r" % (len(data), blob_type))
    else:
        print("note: no AES-GCM in Python (no cryptography package, no openssl): CSV compared by its start only", flush=True)
    spec, rows = source(PRIVATE)
    header = ";".join(f["name"] for f in spec["fields"])
    report.check("…it starts with the byte-order mark and the header, and has a line per contact",
                 data.startswith(b"\xef\xbb\xbf" + header.encode("utf-8") + b"\r\n") and data.count(b"\r\n") >= len(rows) + 1,
                 repr(data[:60]))
    report.check("…and the status line is back to the open message", members_page_state(driver)["status"] == strings["members_unlocked"])


def check_private(report, driver, base, strings):
    spec, rows = source(PRIVATE)
    driver.get(base + "datasets/%s/" % PRIVATE)
    wait_state(driver, ("open", "failed"))
    wait_for(driver, "return document.querySelectorAll('#adherents-table-donnees tbody tr').length >= arguments[0];", 15, 0.05, min(len(rows), 20))
    section = section_state(driver)
    status = driver.execute_script("return document.getElementById('adherents-table-statut').textContent;")
    shown = body_rows(driver, "adherents-table-donnees")
    titles = [h["title"] for h in header_titles(driver, "adherents-table-donnees")]
    report.check("%s: with the key, its table replaces the locked paragraph, with the downloads" % PRIVATE,
                 section["state"] == "open" and not section["locked"] and section["content"] and "csv" in section["downloads"]
                 and section["status"] == strings["members_unlocked"], repr(section))
    report.check("…the columns are the dataset's fields, sortable", titles == [f.get("title", f["name"]) for f in spec["fields"]]
                 and all(h["sortable"] for h in header_titles(driver, "adherents-table-donnees")), repr(titles))
    report.check("…%d rows, on one page (status \"%s\")" % (len(rows), status),
                 len(shown) == len(rows) and status == fill(strings["table_status"], **{"from": 1, "to": len(rows), "count": len(rows)}),
                 "%d rows" % len(shown))
    names = [f["name"] for f in spec["fields"]]
    contact = rows[len(rows) // 2]
    expected = [contact[n] for n in ("id", "contact", "courriel", "telephone")]
    found = [r for r in shown if r[names.index("id")] == contact["id"]]
    report.check("…a known contact shows as in the source (%s, %s)" % (contact["contact"], contact["courriel"]),
                 len(found) == 1 and [found[0][names.index(n)] for n in ("id", "contact", "courriel", "telephone")] == expected,
                 repr(found)[:200])
    search = driver.find_element(By.ID, "adherents-table-recherche")
    search.send_keys(contact["courriel"])
    wait_for(driver, "return document.querySelectorAll('#adherents-table-donnees tbody tr').length === 1;", 5)
    shown = body_rows(driver, "adherents-table-donnees")
    report.check("…and its search finds that contact alone", len(shown) == 1 and shown[0][names.index("contact")] == contact["contact"],
                 "%d rows" % len(shown))


def check_public(report, driver, base, strings, locale):
    spec, rows = source(PUBLIC)
    key_column = column_of(spec, spec["key"])
    value_column = column_of(spec, MEMBERS_FIELD)
    title = field(spec, MEMBERS_FIELD)["title"]
    row = next(r for r in rows if r[key_column] == CINEMA)
    expected = group(int(float(row[value_column])), locale["group"])

    driver.get(base + "datasets/%s/?%s=%s" % (PUBLIC, spec["key"], CINEMA))
    wait_state(driver, ("open", "failed"))
    wait_table(driver)
    headers = header_titles(driver, "table-donnees")
    titles = [h["title"] for h in headers]
    members_titles = [f.get("title", f["name"]) for f in spec["fields"] if f.get("access") == "members"]
    section = section_state(driver)
    report.check("%s: with the key, the members' columns join the table, marked \"%s\"" % (PUBLIC, strings["access_members"]),
                 section["state"] == "open" and titles[-len(members_titles):] == members_titles
                 and all(h["members"] and h["badge"] == strings["access_members"] and h["sortable"] for h in headers[-len(members_titles):])
                 and not any(h["members"] for h in headers[:-len(members_titles)]), repr(titles[-len(members_titles):]))
    report.check("…the section shows the full downloads instead of its locked paragraph",
                 not section["locked"] and section["content"] and "csv" in section["downloads"] and section["status"] == strings["members_unlocked"],
                 repr(section))
    key_index = titles.index(field(spec, spec["key"])["title"])
    value_index = titles.index(title)
    shown = [r for r in body_rows(driver, "table-donnees") if r[key_index] == CINEMA]
    report.check("…cinema %s shows %s = %s, as the source has it (%s)" % (CINEMA, title, expected, row[value_column]),
                 len(shown) == 1 and shown[0][value_index] == expected, repr([r[value_index] for r in shown]))
    cells = driver.execute_script("""
        const tr = document.querySelector('#table-donnees tbody tr');
        return tr ? Array.from(tr.cells, (td) => td.classList.contains('members-column')) : [];""")
    report.check("…its cells are marked as the members' too", cells[-len(members_titles):] == [True] * len(members_titles)
                 and not any(cells[:-len(members_titles)]), repr(cells[-12:]))

    # The members' columns may arrive before the table's rows: they join the rows as they come.
    script = add_startup_script(driver, """
        (() => {
          const real = window.fetch;
          window.fetch = (url, options) => /\\/table\\/\\d+\\.json$/.test(String(url))
            ? new Promise((resolve) => setTimeout(resolve, 1500)).then(() => real(url, options)) : real(url, options);
        })();""")
    try:
        driver.get(base + "datasets/%s/?%s=%s" % (PUBLIC, spec["key"], CINEMA))
        early = wait_for(driver, "return PortailMembers.state === 'open' ? [PortailTable.loaded, document.querySelectorAll('#table-donnees tbody tr:first-child td').length, document.querySelectorAll('#table-donnees thead tr:first-child th').length] : null;", 10)
        wait_table(driver)
        shown = [r for r in body_rows(driver, "table-donnees") if r[key_index] == CINEMA]
        report.check("…also when they arrive before the rows (%s rows loaded then; the preview's rows get empty cells)" % (early[0] if early else "?"),
                     early and early[0] == 0 and early[1] == early[2] and len(shown) == 1 and shown[0][value_index] == expected,
                     repr((early, [r[value_index] for r in shown])))
    finally:
        remove_startup_script(driver, script)

    # A filter on a members' column, from the address, and its sort.
    threshold = 1000000
    count = sum(1 for r in rows if r[value_column] and float(r[value_column]) >= threshold)
    driver.get(base + "datasets/%s/?%s=%%3E%%3D%d&sort=%s&order=desc" % (PUBLIC, MEMBERS_FIELD, threshold, MEMBERS_FIELD))
    wait_state(driver, ("open", "failed"))
    wait_table(driver)
    wait_for(driver, "return Boolean(document.querySelector('#table-donnees th.members-column')) && PortailTable.filtered.length === arguments[0];", 5, 0.05, count)
    got = driver.execute_script("return PortailTable.filtered.length;")
    top = max(int(float(r[value_column])) for r in rows if r[value_column])
    first = body_rows(driver, "table-donnees")[0][value_index]
    field_value = driver.execute_script("const i = document.querySelector('#table-donnees .table-filters td:nth-child(' + (arguments[0] + 1) + ') input'); return i ? i.value : null;", value_index)
    report.check("…a filter (%s>=%d) and a sort on it, read from the address, apply: %d cinemas, the first with %s" % (MEMBERS_FIELD, threshold, count, group(top, locale["group"])),
                 got == count and first == group(top, locale["group"]) and field_value == ">=%d" % threshold,
                 "%r rows, first %r, field %r" % (got, first, field_value))


def check_lock(report, driver, base, strings):
    # On a dataset page: the page reloads without the key.
    driver.get(base + "datasets/%s/" % PUBLIC)
    wait_state(driver, ("open", "failed"))
    button = driver.find_element(By.CSS_SELECTOR, "#adherents .members-lock")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    wait_for(driver, "return document.readyState === 'complete' && window.PortailMembers && PortailMembers.state === 'locked'"
                     " && document.querySelector('.members-data__status').textContent !== '';", 10)
    wait_table(driver)
    section = section_state(driver)
    count = driver.execute_script("return !document.querySelector('#table-donnees .members-column');")
    report.check("the lock button of a dataset page forgets the key and shows the page as published",
                 section["locked"] and not section["content"] and section["status"] == strings["members_locked"]
                 and storage(driver)["session"] == {} and count, repr(section))

    # On the members' page, with the keyboard.
    unlock(driver, base)
    lock = driver.find_element(By.ID, "members-lock")
    driver.execute_script("arguments[0].focus();", lock)
    lock.send_keys(Keys.ENTER)
    page = members_page_state(driver)
    report.check("the lock button of the members' page (keyboard) forgets the key and brings the form back",
                 page["status"] == strings["members_locked"] and page["fieldsShown"] and not page["lockShown"]
                 and page["focused"] == "members-passphrase" and storage(driver)["session"] == {}
                 and all(not item["shown"] and not item["buttons"] for item in page["items"]), repr(page)[:300])


def check_failures(report, driver, base, strings):
    # A side file that cannot be read: the page says the data is unavailable, and stays locked.
    unlock(driver, base)
    script = add_startup_script(driver, """
        (() => {
          const real = window.fetch;
          window.fetch = (url, options) => String(url).includes('members-fields.json.enc')
            ? Promise.reject(new TypeError('Failed to fetch')) : real(url, options);
        })();""")
    try:
        driver.get(base + "datasets/%s/" % PUBLIC)
        wait_state(driver, ("failed", "open"))
        wait_table(driver)
        section = section_state(driver)
        report.check("a file that cannot be read says \"%s\" and leaves the page as published" % strings["members_unavailable"],
                     section["state"] == "failed" and section["status"] == strings["members_unavailable"] and section["locked"]
                     and not section["content"] and not driver.execute_script("return Boolean(document.querySelector('#table-donnees .members-column'));"),
                     repr(section))
    finally:
        remove_startup_script(driver, script)

    # No WebCrypto (a page served over http from another host than localhost).
    driver.execute_script("sessionStorage.clear();")
    script = add_startup_script(driver, "Object.defineProperty(window.crypto, 'subtle', {value: undefined, configurable: true});")
    try:
        driver.get(base + MEMBERS_PAGE)
        wait_for(driver, "return document.readyState === 'complete';", 10)
        before = members_page_state(driver)["status"]
        driver.find_element(By.ID, "members-passphrase").send_keys(PASSPHRASE + Keys.ENTER)
        after = members_page_state(driver)
        report.check("without WebCrypto the page says so at once, and again on submit",
                     before == strings["members_no_webcrypto"] and after["status"] == strings["members_no_webcrypto"]
                     and storage(driver)["session"] == {}, repr(after["status"]))
    finally:
        remove_startup_script(driver, script)


def main():
    output_dir_from_argv(sys.argv)  # the usual argument; this test builds its own portal
    report = Report("members")
    binary = portail_binary()
    if not binary:
        report.check("a portail binary to build the members' edition", False, "none in .build/release or .build/debug: run swift build")
        return report.finish()
    root = temporary_folder("portail-members-")
    try:
        output = os.path.join(root, "Output")
        downloads = os.path.join(root, "downloads")
        os.mkdir(downloads)
        status, log = build(binary, output)
        if not report.check("the example builds with a members' passphrase (%s)" % os.path.relpath(binary, REPO),
                            status == 0 and os.path.isfile(os.path.join(output, "members", "params.json")), log[-500:]):
            return report.finish()
        sealed = Sealed(output)
        manifest = sealed.json(sealed.manifest_path) if sealed.method else None
        print("AES-GCM in Python: %s" % (sealed.method or "none (comparisons of decrypted bytes skipped)"), flush=True)
        members_config = page_config(output, MEMBERS_PAGE)
        dataset_strings = page_config(output, os.path.join("datasets", PRIVATE, "index.html"))["strings"]
        public_strings = page_config(output, os.path.join("datasets", PUBLIC, "index.html"))["strings"]
        strings = dict(members_config["strings"], **{k: v for k, v in dataset_strings.items() if k.startswith("table_")})
        strings.setdefault("access_members", public_strings.get("access_members", ""))
        # Served with the portal's own security headers: a script that the
        # Content-Security-Policy refuses (inline code, eval, inline styles) logs an error.
        headers = site_headers(output)
        print("served with Content-Security-Policy: %s" % headers.get("Content-Security-Policy", "none"), flush=True)
        with LocalServer(output, headers=headers) as server:
            driver = make_driver(1280, 1000, download_dir=downloads)
            try:
                console = Console(driver, tile_hosts(output))
                check_locked(report, driver, server.base, output)
                check_members_page(report, driver, server.base, strings, sealed, manifest, downloads)
                check_private(report, driver, server.base, strings)
                check_public(report, driver, server.base, strings, members_config["locale"])
                check_lock(report, driver, server.base, strings)
                check_failures(report, driver, server.base, strings)
                report.no_console_errors("no console error on the members' pages", console)
            except Exception as error:  # noqa: BLE001 — any crash is a failed check
                crash(report, error)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
