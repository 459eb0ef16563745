/*
 * Portail, default theme: the members' space (docs/members.md).
 *
 * Restricted data is published sealed under `members/` (AES-256-GCM). This script opens it
 * in the browser, with a key derived from the passphrase the federation gives its members:
 *
 *   members/params.json        public: {version, kdf, iterations, salt, encryptionLabel,
 *                              cipher, manifest}
 *   master key                 PBKDF2-HMAC-SHA256(UTF-8 passphrase, salt, iterations), 32 bytes
 *   encryption key             HMAC-SHA256(master, UTF-8 encryptionLabel), the AES-256-GCM key
 *   a sealed file              "PTLM", version byte 1, 12-byte nonce, ciphertext ‖ 16-byte tag;
 *                              the additional data is the file's path from the site's root, as
 *                              published ("members/manifest.json.enc")
 *   members/manifest.json.enc  {version, datasets: [{id, title, access, href, rowCount, files,
 *                              table? (members-only dataset), fields? (members' columns)}]}
 *
 * Pages (each has `#members-config`: {root, params, dataset, locale, strings}):
 *
 * - `members/index.html`: the passphrase form (#members-unlock). A right passphrase stores
 *   the encryption key (never the passphrase) in sessionStorage, under a name that holds the
 *   site's root address, and lists the downloads of each dataset; "lock" forgets it. A wrong
 *   one says so and keeps nothing.
 * - A dataset page with restricted data (section[data-members-dataset]): with a stored key,
 *   a members-only dataset gets its table (table.js, mounted on the section's markup, with
 *   chunks decrypted here) and a public one gets the members' columns in its own table
 *   (`PortailTable.addColumns`), by key or by row position; both get the full downloads.
 *   Without a key, nothing changes: the paragraph that links to the members' page stays.
 *
 * Strings come from the configuration's `strings`, then from `data-string-<key>` attributes
 * of `#members-config` (units of sizes, table strings, the members' badge).
 *
 * Errors are shown in the page's status line (role=status), never thrown: a wrong passphrase
 * (the manifest does not open), unavailable files (network, missing or damaged files) and a
 * browser without WebCrypto (pages served over plain http, except on localhost).
 *
 * `window.PortailMembers.state` reads 'locked', 'opening', 'open' or 'failed' (for tests and
 * other scripts).
 */
(function () {
  'use strict';

  const configElement = document.getElementById('members-config');
  if (!configElement || window.PortailMembers) return;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    return;
  }
  if (!config || typeof config !== 'object') return;

  const MAGIC = [0x50, 0x54, 0x4c, 0x4d]; // "PTLM"
  const VERSION = 1;
  const NONCE_BYTES = 12;
  const TAG_BYTES = 16;
  const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
  const MAX_ITERATIONS = 10000000;
  const TABLE_STRINGS = [
    'yes', 'no', 'coordinate_separator', 'table_loading', 'table_status', 'table_status_filtered',
    'table_status_empty', 'table_page_position', 'table_sort_by', 'table_filter_column',
    'table_filter_hint_numeric', 'table_load_error', 'table_facets',
  ];

  const strings = Object.assign(attributeStrings(configElement), config.strings || {});
  const locale = config.locale && typeof config.locale === 'object' ? config.locale : {};
  const rootURL = new URL(typeof config.root === 'string' ? config.root : './', window.location.href);
  const paramsPath = typeof config.params === 'string' ? config.params : 'members/params.json';
  // One key per site: two portals served from one origin do not share it.
  const STORAGE_KEY = 'portail-members-key ' + rootURL.href;
  const LOCKED_FLAG = 'portail-members-locked ' + rootURL.href;
  const subtle = window.crypto && window.crypto.subtle ? window.crypto.subtle : null;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8');

  let state = 'locked';

  window.PortailMembers = Object.freeze({
    get state() { return state; },
  });

  /* ================================================================== Helpers */

  // data-string-unit_kilobytes="Ko" gives {unit_kilobytes: "Ko"}.
  function attributeStrings(element) {
    const out = {};
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.name.indexOf('data-string-') === 0) out[attribute.name.slice(12)] = attribute.value;
    }
    return out;
  }

  function text(key) {
    return typeof strings[key] === 'string' ? strings[key] : '';
  }

  class MembersError extends Error {
    // kind: 'wrong' (the key does not open the manifest) or 'unavailable'.
    constructor(kind) {
      super(kind);
      this.kind = kind;
    }
  }

  function unavailable() {
    return new MembersError('unavailable');
  }

  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary);
  }

  function fromBase64(value) {
    const binary = window.atob(value);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function groupDigits(digits) {
    const group = typeof locale.group === 'string' ? locale.group : '';
    let out = '';
    for (let i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += group;
      out += digits[i];
    }
    return out;
  }

  // DisplayFormat.byteSize: powers of 1,000, one decimal below 100 ("16,6 Ko", "495 Ko").
  function sizeLabel(bytes) {
    if (!(typeof bytes === 'number' && bytes >= 0)) return '';
    const units = ['unit_bytes', 'unit_kilobytes', 'unit_megabytes', 'unit_gigabytes'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    const shown = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
    const parts = String(shown).split('.');
    const decimal = typeof locale.decimal === 'string' ? locale.decimal : '.';
    const number = groupDigits(parts[0]) + (parts.length > 1 ? decimal + parts[1] : '');
    const name = text(units[unit]);
    return name ? number + '\u00a0' + name : number;
  }

  /* ================================================================== Key storage */

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null; // storage refused (privacy settings): the space stays open in this page only
    }
  }

  function storedKey() {
    const store = storage();
    let value = null;
    try {
      value = store ? store.getItem(STORAGE_KEY) : null;
    } catch (error) {
      value = null;
    }
    if (!value) return null;
    try {
      const bytes = fromBase64(value);
      if (bytes.length === 32) return bytes;
    } catch (error) {
      // Not base64: forget it below.
    }
    forgetKey();
    return null;
  }

  function storeKey(bytes) {
    const store = storage();
    try {
      if (store) store.setItem(STORAGE_KEY, toBase64(bytes));
    } catch (error) {
      // Storage full or refused: the data stays open in this page.
    }
  }

  function forgetKey() {
    const store = storage();
    try {
      if (store) store.removeItem(STORAGE_KEY);
    } catch (error) {
      // Nothing to forget.
    }
  }

  function setFlag(name, on) {
    const store = storage();
    try {
      if (!store) return false;
      if (on) store.setItem(name, '1');
      else {
        const had = store.getItem(name) !== null;
        store.removeItem(name);
        return had;
      }
    } catch (error) {
      return false;
    }
    return true;
  }

  /* ================================================================== Files and keys */

  async function fetchBytes(path) {
    let response;
    try {
      response = await fetch(new URL(path, rootURL), { credentials: 'same-origin' });
    } catch (error) {
      throw unavailable();
    }
    if (!response.ok) throw unavailable();
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw unavailable();
    }
  }

  let paramsPromise = null;

  function loadParams() {
    if (!paramsPromise) {
      paramsPromise = fetchBytes(paramsPath).then((bytes) => {
        let params;
        try {
          params = JSON.parse(decoder.decode(bytes));
        } catch (error) {
          throw unavailable();
        }
        const valid = params && params.version === 1 && params.kdf === 'PBKDF2-HMAC-SHA256'
          && params.cipher === 'AES-256-GCM' && Number.isInteger(params.iterations)
          && params.iterations > 0 && params.iterations <= MAX_ITERATIONS
          && typeof params.salt === 'string' && typeof params.encryptionLabel === 'string'
          && typeof params.manifest === 'string';
        if (!valid) throw unavailable();
        let salt;
        try {
          salt = fromBase64(params.salt);
        } catch (error) {
          throw unavailable();
        }
        return { iterations: params.iterations, salt, label: params.encryptionLabel, manifest: params.manifest };
      });
      // A failed attempt (network) may be tried again.
      paramsPromise.catch(() => { paramsPromise = null; });
    }
    return paramsPromise;
  }

  // The 32 bytes of the AES-256-GCM key.
  async function deriveKeyBytes(passphrase, params) {
    const material = await subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
    const master = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: params.salt, iterations: params.iterations }, material, 256);
    const hmac = await subtle.importKey('raw', master, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', hmac, encoder.encode(params.label)));
  }

  function importKey(bytes) {
    return subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['decrypt']);
  }

  // The plain bytes of a sealed file; a key that does not open it throws 'wrong'.
  async function openSealed(key, path, bytes) {
    if (bytes.length < HEADER_BYTES + TAG_BYTES) throw unavailable();
    for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) throw unavailable();
    if (bytes[MAGIC.length] !== VERSION) throw unavailable();
    try {
      return await subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(MAGIC.length + 1, HEADER_BYTES), additionalData: encoder.encode(path), tagLength: 128 },
        key, bytes.subarray(HEADER_BYTES));
    } catch (error) {
      throw new MembersError('wrong');
    }
  }

  function parseJSON(buffer) {
    try {
      return JSON.parse(decoder.decode(buffer));
    } catch (error) {
      throw unavailable();
    }
  }

  function readManifest(buffer) {
    const manifest = parseJSON(buffer);
    if (!manifest || manifest.version !== 1 || !Array.isArray(manifest.datasets)) throw unavailable();
    return manifest;
  }

  // A session: the key, and the manifest it opened.
  function session(key, manifest) {
    return {
      manifest,
      dataset(id) {
        return manifest.datasets.find((entry) => entry && entry.id === id) || null;
      },
      // Once the manifest opened, any file that does not is damaged or out of date.
      async file(path) {
        try {
          return await openSealed(key, path, await fetchBytes(path));
        } catch (error) {
          throw unavailable();
        }
      },
      async json(path) {
        return parseJSON(await this.file(path));
      },
    };
  }

  // The passphrase as typed, then in composed form (NFC) if that differs: "é" typed as e and
  // a combining accent is the same passphrase to the reader.
  async function unlock(passphrase) {
    const params = await loadParams();
    const sealed = await fetchBytes(params.manifest);
    const candidates = [passphrase];
    if (typeof passphrase.normalize === 'function' && passphrase.normalize('NFC') !== passphrase) {
      candidates.push(passphrase.normalize('NFC'));
    }
    for (const candidate of candidates) {
      const bytes = await deriveKeyBytes(candidate, params);
      const key = await importKey(bytes);
      let plain;
      try {
        plain = await openSealed(key, params.manifest, sealed);
      } catch (error) {
        if (error.kind === 'wrong') continue;
        throw error;
      }
      return { bytes, session: session(key, readManifest(plain)) };
    }
    throw new MembersError('wrong');
  }

  // The session of the stored key; null without one, or when it no longer opens the
  // manifest (the passphrase changed): then it is forgotten.
  async function resume() {
    const bytes = storedKey();
    if (!bytes) return null;
    const params = await loadParams();
    const sealed = await fetchBytes(params.manifest);
    const key = await importKey(bytes);
    let plain;
    try {
      plain = await openSealed(key, params.manifest, sealed);
    } catch (error) {
      if (error.kind === 'wrong') {
        forgetKey();
        return null;
      }
      throw error;
    }
    return session(key, readManifest(plain));
  }

  /* ================================================================== Downloads */

  function save(buffer, type, name) {
    const blob = new Blob([buffer], { type });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Some browsers read the blob after click() returns: release it a little later.
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // One button per file: "Télécharger" (read, not shown), the format, the size.
  function fillDownloads(list, entry, current, say) {
    list.textContent = '';
    const files = Array.isArray(entry.files) ? entry.files : [];
    for (const file of files) {
      if (!file || typeof file.path !== 'string' || typeof file.name !== 'string') continue;
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'download members-download';
      button.dataset.path = file.path;
      button.dataset.format = String(file.format || '');
      button.title = file.name;
      const verb = document.createElement('span');
      verb.className = 'visually-hidden';
      verb.textContent = text('members_download') + ' ';
      const format = document.createElement('span');
      format.className = 'download__format';
      format.textContent = String(file.label || file.format || file.name);
      const size = document.createElement('span');
      size.className = 'download__size';
      size.textContent = sizeLabel(file.size);
      button.append(verb, format, ' ', size);
      button.addEventListener('click', async () => {
        if (button.getAttribute('aria-busy') === 'true') return;
        button.setAttribute('aria-busy', 'true');
        say(text('members_decrypting'));
        try {
          const buffer = await current().file(file.path);
          save(buffer, typeof file.mediaType === 'string' ? file.mediaType : 'application/octet-stream', file.name);
          say(text('members_unlocked'));
        } catch (error) {
          say(text('members_unavailable'), true);
        } finally {
          button.removeAttribute('aria-busy');
        }
      });
      item.appendChild(button);
      list.appendChild(item);
    }
  }

  function statusWriter(element, errorClass) {
    return (message, isError) => {
      if (!element) return;
      element.classList.toggle(errorClass, Boolean(isError));
      if (element.textContent !== message) element.textContent = message;
    };
  }

  /* ================================================================== The members' page */

  function membersPage(form) {
    const input = document.getElementById('members-passphrase');
    const status = document.getElementById('members-status');
    const fields = form.querySelector('.members-form__fields');
    const lockBox = form.querySelector('.members-form__lock');
    const lockButton = lockBox ? lockBox.querySelector('button') : null;
    const heading = document.getElementById('members-datasets-titre');
    const items = Array.from(document.querySelectorAll('[data-members-item]'));
    const say = statusWriter(status, 'members-form__status--error');
    const describedBy = input ? input.getAttribute('aria-describedby') || '' : '';
    let current = null;
    let busy = false;

    function markInvalid(message) {
      say(message, true);
      if (!input) return;
      input.setAttribute('aria-invalid', 'true');
      if (status && status.id) input.setAttribute('aria-describedby', (describedBy + ' ' + status.id).trim());
      input.focus();
      input.select();
    }

    function clearInvalid() {
      if (!input) return;
      input.removeAttribute('aria-invalid');
      if (describedBy) input.setAttribute('aria-describedby', describedBy);
      else input.removeAttribute('aria-describedby');
    }

    function showOpen(opened, moveFocus) {
      current = opened;
      state = 'open';
      clearInvalid();
      if (input) input.value = '';
      if (fields) fields.hidden = true;
      if (lockBox) lockBox.hidden = false;
      for (const item of items) {
        const box = item.querySelector('.members-list__downloads');
        const entry = opened.dataset(item.getAttribute('data-members-item'));
        if (!box || !entry) continue;
        let list = box.querySelector('ul');
        if (!list) {
          list = document.createElement('ul');
          list.className = 'downloads members-downloads';
          box.appendChild(list);
        }
        fillDownloads(list, entry, () => current, say);
        box.hidden = list.childNodes.length === 0;
      }
      say(text('members_unlocked'));
      if (moveFocus && heading) heading.focus();
    }

    function lock() {
      forgetKey();
      current = null;
      state = 'locked';
      for (const item of items) {
        const box = item.querySelector('.members-list__downloads');
        if (!box) continue;
        box.textContent = '';
        box.hidden = true;
      }
      if (lockBox) lockBox.hidden = true;
      if (fields) fields.hidden = false;
      say(text('members_locked'));
      if (input) input.focus();
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy || !input) return;
      if (!subtle) {
        say(text('members_no_webcrypto'), true);
        return;
      }
      const passphrase = input.value;
      if (passphrase === '') {
        markInvalid(text('members_empty_passphrase'));
        return;
      }
      busy = true;
      state = 'opening';
      form.setAttribute('aria-busy', 'true');
      say(text('members_unlocking'));
      try {
        const opened = await unlock(passphrase);
        storeKey(opened.bytes);
        showOpen(opened.session, true);
      } catch (error) {
        state = 'failed';
        if (error && error.kind === 'wrong') markInvalid(text('members_wrong_passphrase'));
        else say(text('members_unavailable'), true);
      } finally {
        busy = false;
        form.removeAttribute('aria-busy');
      }
    });

    if (input) input.addEventListener('input', clearInvalid);
    if (lockButton) lockButton.addEventListener('click', lock);

    if (!subtle) {
      say(text('members_no_webcrypto'), true);
      return;
    }
    if (!storedKey()) return;
    state = 'opening';
    resume().then((opened) => {
      if (opened) showOpen(opened, false);
      else state = 'locked';
    }, () => {
      state = 'failed';
      say(text('members_unavailable'), true);
    });
  }

  /* ================================================================== A dataset page */

  function datasetPage(section) {
    const id = section.getAttribute('data-members-dataset') || config.dataset;
    const lockedNote = section.querySelector('.members-data__locked');
    const status = section.querySelector('.members-data__status');
    const content = section.querySelector('.members-data__content');
    const downloads = content ? content.querySelector('.members-downloads') : null;
    const lockButton = content ? content.querySelector('.members-lock') : null;
    const say = statusWriter(status, 'members-data__status--error');

    // Back from "lock": say so, where the reader was.
    if (setFlag(LOCKED_FLAG, false)) {
      say(text('members_locked'));
      const heading = section.querySelector('h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    if (!storedKey()) return;
    if (!subtle) {
      say(text('members_no_webcrypto'), true);
      return;
    }
    state = 'opening';
    say(text('members_decrypting'));
    let current = null;

    (async () => {
      current = await resume();
      if (!current) {
        // The stored key no longer opens this site's data: the page stays as published.
        state = 'locked';
        say('');
        return;
      }
      const entry = current.dataset(id);
      if (!entry || !content) throw unavailable();
      if (lockedNote) lockedNote.hidden = true;
      content.hidden = false;
      if (downloads) fillDownloads(downloads, entry, () => current, say);
      if (entry.table) mountTable(entry.table, current);
      else if (entry.fields) await addColumns(entry.fields, current);
      state = 'open';
      say(text('members_unlocked'));
    })().catch(() => {
      state = 'failed';
      if (lockedNote) lockedNote.hidden = false;
      if (content) content.hidden = true;
      say(text('members_unavailable'), true);
    });

    if (lockButton) {
      lockButton.addEventListener('click', () => {
        // Reloading takes every decrypted value out of the page, the table's included.
        forgetKey();
        setFlag(LOCKED_FLAG, true);
        window.location.reload();
      });
    }
  }

  // A members-only dataset: its table, on the section's markup, with decrypted chunks.
  function mountTable(tableConfig, current) {
    const table = document.getElementById('adherents-table-donnees');
    const kit = window.PortailTableKit;
    const columns = Array.isArray(tableConfig.columns) ? tableConfig.columns : [];
    if (!table || !kit || typeof kit.mount !== 'function' || columns.length === 0) return;
    const head = table.createTHead();
    const row = head.insertRow();
    columns.forEach((column, c) => {
      const th = document.createElement('th');
      th.scope = 'col';
      if (column.type === 'integer' || column.type === 'number' || column.type === 'year') th.className = 'numeric';
      th.dataset.column = String(c);
      th.textContent = String(column.title || column.name || '');
      row.appendChild(th);
    });
    if (table.tBodies.length === 0) table.createTBody();
    const tableStrings = {};
    for (const key of TABLE_STRINGS) tableStrings[key] = text(key);
    kit.mount({
      config: Object.assign({}, tableConfig, { locale, strings: tableStrings }),
      idPrefix: 'adherents-',
      loadChunk: (path) => current.json(path),
    });
  }

  // A public dataset: the members' columns join its table.
  async function addColumns(fields, current) {
    const table = window.PortailTable;
    if (!table || typeof table.addColumns !== 'function' || typeof fields.path !== 'string') return;
    const side = await current.json(fields.path);
    if (!side || !Array.isArray(side.fields) || !side.records || typeof side.records !== 'object') throw unavailable();
    const described = new Map((Array.isArray(fields.columns) ? fields.columns : [])
      .filter((column) => column && typeof column.name === 'string')
      .map((column) => [column.name, column]));
    // Values come in the side file's order of fields.
    const columns = side.fields.map((name) => described.get(name) || { name: String(name), title: String(name), type: 'string' });
    const records = side.records;
    const key = typeof side.key === 'string' ? side.key : (typeof fields.key === 'string' ? fields.key : null);
    const added = table.addColumns({
      columns,
      key,
      values: (keyText) => (Object.prototype.hasOwnProperty.call(records, keyText) ? records[keyText] : null),
      className: 'members-column',
      badge: text('access_members'),
    });
    if (added === 0 && columns.length > 0) throw unavailable();
  }

  /* ================================================================== Start */

  const form = document.getElementById('members-unlock');
  if (form) {
    membersPage(form);
  } else {
    const section = document.querySelector('[data-members-dataset]');
    if (section) datasetPage(section);
  }
})();
