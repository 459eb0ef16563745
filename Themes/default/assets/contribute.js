/*
 * Portail, default theme: the form that proposes an event for the agenda
 * (agenda/contribuer.html).
 *
 * The form (#contribution, novalidate) has one control per public field of the agenda's
 * dataset, named after the field; a field with several allowed codes (accessibility) is a
 * group of checkboxes sharing the name. #contribute-config describes them:
 *
 *   {dataset, key, start, end, endpoint, email, places,
 *    fields: [{name, title, type, input, required, separator}], strings: {…}}
 *
 * The place field (input "place") is a text field with suggestions rather than a <select>:
 * an agenda's places run to thousands. Its <datalist> is filled from `places`, the URL of
 * agenda/venues.json ({venues: [{id, name, city, region}]}), fetched once, as soon as the
 * form is first used. A suggestion reads "name – city (region)"; the entry keeps the place's
 * identifier. The identifier itself may be typed too; any other text is refused. When the
 * list cannot be loaded, the text is kept as it is (`portail import` checks places).
 *
 * On submit the entry is checked in the browser: required fields, numbers, addresses
 * (http or https), e-mails, dates and times, and an end after the start. Each problem is
 * written in the field's .contribute__error element, which the control names in its
 * aria-describedby, the control gets aria-invalid="true", and the first one gets the focus.
 * The key field may be left empty: an identifier is then made from the start's date and the
 * title ("2026-12-05-titre-de-l-evenement").
 *
 * The entry becomes this JSON document, the format `portail import` reads:
 *
 *   {
 *     "portail": "agenda-contribution",
 *     "version": 1,
 *     "dataset": "<dataset id>",
 *     "events": [
 *       {
 *         "id": "2026-12-05-cine-debat-les-saisons",
 *         "title": "Ciné-débat : Les Saisons",
 *         "start": "2026-12-05T20:30",
 *         "venue": "814",
 *         "accessibility": "hi, vi"
 *       }
 *     ]
 *   }
 *
 * - "events" holds one object per event; its members are the dataset's field names (not
 *   the CSV's column names), in the order of the fields, the key first.
 * - Every value is a string, written the way the CSV stores it: date and time
 *   "YYYY-MM-DDTHH:MM" (local time of the portal), date "YYYY-MM-DD", time "HH:MM",
 *   numbers as digits with a "." before decimals, booleans "true", several values joined by
 *   the field's separator and a space ("hi, vi"). Empty fields are left out.
 *
 * With an `endpoint`, the document is POSTed there as application/json. Without one, or when
 * sending fails, the result area offers it by e-mail (a mailto: link to `email`; the JSON is
 * in the body when the address stays short enough for mail programs, else the file is to be
 * attached) and as a file to download (<dataset>-<id>.json). The result area is a polite
 * live region.
 */
(function () {
  'use strict';

  // Longest mailto: address written; beyond about 2,000 characters some systems (Windows,
  // several webmail handlers) cut or refuse the link.
  const MAILTO_MAX = 1900;
  const ID_MAX = 80;

  const configElement = document.getElementById('contribute-config');
  const form = document.getElementById('contribution');
  if (!configElement || !(form instanceof HTMLFormElement)) return;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    return;
  }

  const strings = config.strings || {};
  const fields = Array.isArray(config.fields) ? config.fields.filter((f) => f && typeof f.name === 'string') : [];
  const result = document.getElementById('contribution-resultat');
  const submitButton = form.querySelector('button[type="submit"], input[type="submit"]');
  let downloadURL = null;
  let sending = false;

  /* ------------------------------------------------------------------ Controls */

  function controlsOf(name) {
    return Array.from(form.elements).filter((element) => element.name === name
      && (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement));
  }

  function containerOf(field, controls) {
    const byData = Array.from(form.querySelectorAll('.contribute__field')).find((box) => box.dataset.field === field.name);
    if (byData) return byData;
    return controls.length > 0 ? controls[0].closest('.contribute__field') : null;
  }

  const entries = fields.map((field) => {
    const controls = controlsOf(field.name);
    const container = containerOf(field, controls);
    const error = container ? container.querySelector('.contribute__error') : null;
    const group = controls.length > 0 && controls[0].type === 'checkbox' && (field.input === 'choices' || controls.length > 1)
      ? controls[0].closest('fieldset')
      : null;
    return { field, controls, container, error, group };
  });
  const byName = new Map(entries.map((entry) => [entry.field.name, entry]));
  const keyEntry = config.key ? byName.get(config.key) : null;

  // The key may be left empty (it is then made from the title and the start): the form must
  // not say it is required.
  if (keyEntry && keyEntry.controls.length > 0) {
    for (const control of keyEntry.controls) control.required = false;
    if (keyEntry.container) {
      for (const mark of keyEntry.container.querySelectorAll('.required')) mark.hidden = true;
    }
  }

  /* ------------------------------------------------------------------ Places */

  const placeEntry = entries.find((entry) => entry.field.input === 'place' && entry.controls.length > 0) || null;
  // Identifier by suggestion text and by identifier, once loaded.
  const places = { byText: new Map(), ids: new Set(), ready: false, loading: null };

  // Case, accents and runs of spaces do not count.
  function placeText(text) {
    return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr');
  }

  // One line: a text field drops line breaks, which a name may hold.
  function placeLabel(place) {
    const name = [place.name, place.city].filter((part) => typeof part === 'string' && part !== '').join(' – ');
    const label = typeof place.region === 'string' && place.region !== '' ? name + ' (' + place.region + ')' : name;
    return label.replace(/\s+/g, ' ').trim();
  }

  function fillPlaces(data) {
    const list = Array.isArray(data && data.venues) ? data.venues.filter((place) => place && typeof place.id === 'string') : [];
    const labels = list.map(placeLabel);
    const counts = new Map();
    for (const label of labels) counts.set(label, (counts.get(label) || 0) + 1);
    const options = document.createDocumentFragment();
    list.forEach((place, index) => {
      // Two places of the same name in the same town are told apart by their identifier.
      const label = counts.get(labels[index]) > 1 ? labels[index] + ' [' + place.id + ']' : labels[index];
      places.byText.set(placeText(label), place.id);
      places.ids.add(place.id);
      const option = document.createElement('option');
      option.value = label;
      options.appendChild(option);
    });
    const datalist = placeEntry.controls[0].list;
    if (datalist) {
      datalist.textContent = '';
      datalist.appendChild(options);
    }
    places.ready = true;
  }

  // Resolves once the places are in (or could not be loaded); never rejects.
  function loadPlaces() {
    if (!placeEntry || typeof config.places !== 'string' || config.places === '') return Promise.resolve();
    if (!places.loading) {
      places.loading = window.fetch(config.places, { credentials: 'same-origin' })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status))))
        .then(fillPlaces, () => {});
    }
    return places.loading;
  }

  // The identifier a place field's text stands for; undefined for a text that names no place.
  function placeID(value) {
    if (places.ids.has(value)) return value;
    return places.byText.get(placeText(value));
  }

  if (placeEntry) form.addEventListener('focusin', loadPlaces);

  /* ------------------------------------------------------------------ Reading values */

  function separatorOf(field) {
    return typeof field.separator === 'string' && field.separator !== '' ? field.separator : ',';
  }

  function joinValues(field, values) {
    const separator = separatorOf(field);
    return values.join(separator.trim() === '' ? separator : separator + ' ');
  }

  // The raw value of a field, before checks: a string, '' when empty.
  function rawValue(entry) {
    const { field, controls } = entry;
    if (controls.length === 0) return '';
    const first = controls[0];
    if (first.type === 'checkbox') {
      const checked = controls.filter((box) => box.checked);
      if (entry.group || field.input === 'choices') return joinValues(field, checked.map((box) => box.value));
      return checked.length > 0 ? 'true' : '';
    }
    if (first.type === 'radio') {
      const checked = controls.find((box) => box.checked);
      return checked ? checked.value : '';
    }
    if (first instanceof HTMLTextAreaElement) {
      // Line ends as the CSV writes them; spaces around the text do not count.
      return first.value.replace(/\r\n?/g, '\n').trim();
    }
    return first.value.trim();
  }

  function badInput(entry) {
    return entry.controls.some((control) => control.validity && control.validity.badInput);
  }

  /* ------------------------------------------------------------------ Checks */

  const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
  const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
  const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
  const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

  function validDate(year, month, day) {
    const y = Number(year);
    const m = Number(month);
    const d = Number(day);
    if (m < 1 || m > 12 || d < 1) return false;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return d <= days;
  }

  function validTime(hours, minutes, seconds) {
    return Number(hours) <= 23 && Number(minutes) <= 59 && (seconds === undefined || Number(seconds) <= 59);
  }

  function kindOf(field, entry) {
    const input = field.input || '';
    const type = field.type || '';
    if (input === 'datetime-local' || type === 'datetime') return 'datetime';
    if (input === 'date' || type === 'date') return 'date';
    if (input === 'time' || type === 'time') return 'time';
    if (type === 'integer' || type === 'year') return 'integer';
    if (input === 'number' || type === 'number') return 'number';
    if (input === 'url') return 'url';
    if (input === 'email') return 'email';
    const control = entry.controls[0];
    if (control && control.type === 'url') return 'url';
    if (control && control.type === 'email') return 'email';
    return 'text';
  }

  // {value} (normalised as the CSV stores it) or {error: <string key>}.
  function check(entry) {
    const { field } = entry;
    if (badInput(entry)) return { error: 'contribute_invalid' };
    let value = rawValue(entry);
    const isKey = entry === keyEntry;
    if (value === '') {
      if (field.required && !isKey) return { error: 'contribute_required' };
      return { value: '' };
    }
    if (entry === placeEntry && places.ready) {
      const id = placeID(value);
      return id === undefined ? { error: 'contribute_place_unknown' } : { value: id };
    }
    let match;
    switch (kindOf(field, entry)) {
      case 'datetime':
        match = DATETIME.exec(value);
        if (!match || !validDate(match[1], match[2], match[3]) || !validTime(match[4], match[5], match[6])) return { error: 'contribute_invalid' };
        return { value: `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}` };
      case 'date':
        match = DATE.exec(value);
        if (!match || !validDate(match[1], match[2], match[3])) return { error: 'contribute_invalid' };
        return { value };
      case 'time':
        match = TIME.exec(value);
        if (!match || !validTime(match[1], match[2], match[3])) return { error: 'contribute_invalid' };
        return { value: `${match[1]}:${match[2]}` };
      case 'integer':
        if (!/^[+-]?\d{1,15}$/.test(value)) return { error: 'contribute_invalid' };
        return { value: String(Number(value)) };
      case 'number': {
        const text = value.replace(',', '.');
        if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) || !Number.isFinite(Number(text))) return { error: 'contribute_invalid' };
        return { value: text };
      }
      case 'url': {
        let url;
        try {
          url = new URL(value);
        } catch (error) {
          return { error: 'contribute_invalid' };
        }
        if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return { error: 'contribute_invalid' };
        return { value };
      }
      case 'email':
        if (!EMAIL.test(value)) return { error: 'contribute_invalid' };
        return { value };
      default:
        break;
    }
    if (isKey && !KEY.test(value)) return { error: 'contribute_invalid' };
    if (field.separator && entry.controls[0] && entry.controls[0].type !== 'checkbox') {
      // "cinéma ,  jeune public," → "cinéma, jeune public"
      const parts = value.split(separatorOf(field)).map((part) => part.trim()).filter(Boolean);
      value = joinValues(field, parts);
    }
    if (entry.controls[0] instanceof HTMLSelectElement) {
      const offered = Array.prototype.some.call(entry.controls[0].options, (option) => option.value === value);
      if (!offered) return { error: 'contribute_invalid' };
    }
    return { value };
  }

  /* ------------------------------------------------------------------ Showing errors */

  function describedBy(element, id, add) {
    const tokens = (element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const has = tokens.includes(id);
    if (add && !has) tokens.push(id);
    if (!add && has) tokens.splice(tokens.indexOf(id), 1);
    if (tokens.length > 0) element.setAttribute('aria-describedby', tokens.join(' '));
    else element.removeAttribute('aria-describedby');
  }

  // The elements a screen reader announces for the field: the control, or the group's
  // fieldset (its checkboxes are marked invalid one by one).
  function described(entry) {
    return entry.group ? [entry.group] : entry.controls.slice(0, 1);
  }

  function showError(entry, key) {
    const message = strings[key] || strings.contribute_invalid || '';
    if (entry.container) entry.container.classList.add('contribute__field--invalid');
    for (const control of entry.controls) control.setAttribute('aria-invalid', 'true');
    if (!entry.error) return;
    if (!entry.error.id) entry.error.id = 'erreur-' + entry.field.name;
    if (entry.error.textContent !== message) entry.error.textContent = message;
    entry.error.hidden = false;
    for (const element of described(entry)) describedBy(element, entry.error.id, true);
  }

  function clearError(entry) {
    if (entry.container) entry.container.classList.remove('contribute__field--invalid');
    for (const control of entry.controls) control.removeAttribute('aria-invalid');
    if (!entry.error) return;
    entry.error.hidden = true;
    entry.error.textContent = '';
    if (entry.error.id) {
      for (const element of described(entry)) describedBy(element, entry.error.id, false);
    }
  }

  function isShowingError(entry) {
    return Boolean(entry.error && !entry.error.hidden);
  }

  /* ------------------------------------------------------------------ The whole entry */

  function slug(text) {
    return String(text)
      .replace(/[œŒ]/g, 'oe')
      .replace(/[æÆ]/g, 'ae')
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  }

  function makeID(title, start) {
    const day = /^\d{4}-\d{2}-\d{2}/.test(start) ? start.slice(0, 10) : '';
    let words = slug(title);
    const room = ID_MAX - (day ? day.length + 1 : 0);
    if (words.length > room) {
      words = words.slice(0, room);
      const cut = words.lastIndexOf('-');
      if (cut > room / 2) words = words.slice(0, cut);
      words = words.replace(/-+$/, '');
    }
    if (!words) words = start.length >= 16 ? start.slice(11, 13) + start.slice(14, 16) : 'evenement';
    return day ? day + '-' + words : words;
  }

  // {event, problems: [[entry, string key]]}
  function collect() {
    const values = new Map();
    const problems = [];
    for (const entry of entries) {
      const outcome = check(entry);
      if (outcome.error) problems.push([entry, outcome.error]);
      else values.set(entry.field.name, outcome.value);
    }
    // The end after the start, when both are there and valid.
    const start = config.start ? values.get(config.start) : '';
    const endEntry = config.end ? byName.get(config.end) : null;
    const end = endEntry ? values.get(config.end) : '';
    if (start && end && end <= start) {
      problems.push([endEntry, 'contribute_end_before_start']);
      values.delete(config.end);
    }
    let id = config.key ? values.get(config.key) || '' : '';
    if (config.key && !id && !problems.some(([entry]) => entry === keyEntry)) {
      const titleField = byName.has('title') ? 'title' : (fields.find((f) => f.type === 'string' && f.name !== config.key) || {}).name;
      id = makeID(values.get(titleField) || '', start || '');
      values.set(config.key, id);
    }
    const event = {};
    if (config.key && id) event[config.key] = id;
    for (const field of fields) {
      const value = values.get(field.name);
      if (field.name !== config.key && typeof value === 'string' && value !== '') event[field.name] = value;
    }
    return { event, id, problems };
  }

  function documentFor(event) {
    return {
      portail: 'agenda-contribution',
      version: 1,
      dataset: config.dataset,
      events: [event],
    };
  }

  /* ------------------------------------------------------------------ Results */

  function fileName(id) {
    const safe = (text) => String(text || '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
    return (safe(config.dataset) || 'contribution') + (safe(id) ? '-' + safe(id) : '') + '.json';
  }

  function mailtoAddress(text, name) {
    const email = typeof config.email === 'string' ? config.email.trim() : '';
    if (!email || !EMAIL.test(email)) return null;
    const base = 'mailto:' + encodeURIComponent(email).replace(/%40/g, '@')
      + '?subject=' + encodeURIComponent(strings.contribute_mail_subject || '');
    // Indented JSON reads better in a mail; the compact one fits more; past the limit the
    // mail names the file to attach.
    for (const body of [text, JSON.stringify(JSON.parse(text))]) {
      const address = base + '&body=' + encodeURIComponent(body);
      if (address.length <= MAILTO_MAX) return address;
    }
    return base + '&body=' + encodeURIComponent(name);
  }

  function paragraph(text) {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  }

  function clearResult() {
    if (!result) return;
    result.textContent = '';
    result.classList.remove('contribute__result--sent', 'contribute__result--ready', 'contribute__result--failed');
  }

  function showSent() {
    if (!result) return;
    clearResult();
    result.classList.add('contribute__result--sent');
    result.appendChild(paragraph(strings.contribute_sent || ''));
  }

  function showFallback(doc, id, failed) {
    if (!result) return;
    clearResult();
    result.classList.add(failed ? 'contribute__result--failed' : 'contribute__result--ready');
    const text = JSON.stringify(doc, null, 2) + '\n';
    const name = fileName(id);
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = URL.createObjectURL(new Blob([text], { type: 'application/json' }));

    const message = failed ? strings.contribute_send_failed : strings.contribute_ready;
    result.appendChild(paragraph(message || ''));
    const list = document.createElement('ul');
    list.className = 'contribute__actions-list';
    const mail = mailtoAddress(text, name);
    if (mail) {
      const link = document.createElement('a');
      link.className = 'button contribute__mail';
      link.href = mail;
      link.textContent = strings.contribute_mail_link || config.email;
      const item = document.createElement('li');
      item.appendChild(link);
      list.appendChild(item);
    }
    const download = document.createElement('a');
    download.className = 'button contribute__download';
    download.href = downloadURL;
    download.download = name;
    download.type = 'application/json';
    download.textContent = strings.contribute_download_link || name;
    const item = document.createElement('li');
    item.appendChild(download);
    list.appendChild(item);
    result.appendChild(list);
  }

  async function send(doc) {
    const response = await window.fetch(config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(doc),
      credentials: 'omit',
    });
    if (!response.ok) throw new Error('HTTP ' + response.status);
  }

  function setBusy(busy) {
    sending = busy;
    if (!submitButton) return;
    if (busy) submitButton.setAttribute('aria-disabled', 'true');
    else submitButton.removeAttribute('aria-disabled');
  }

  /* ------------------------------------------------------------------ Events */

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    // The place is checked against the list: a submit before it came in waits for it.
    if (placeEntry && !places.ready) {
      setBusy(true);
      await loadPlaces();
      setBusy(false);
    }
    const { event: entry, id, problems } = collect();
    for (const item of entries) clearError(item);
    if (problems.length > 0) {
      clearResult();
      for (const [item, key] of problems) showError(item, key);
      // The first problem in the form's order gets the focus; its message is read with it.
      const first = entries.find((item) => problems.some(([problem]) => problem === item));
      const target = first && first.controls[0];
      if (target) target.focus();
      return;
    }
    const doc = documentFor(entry);
    const endpoint = typeof config.endpoint === 'string' ? config.endpoint.trim() : '';
    if (!endpoint) {
      showFallback(doc, id, false);
      return;
    }
    setBusy(true);
    try {
      await send(doc);
      showSent();
      if (downloadURL) {
        URL.revokeObjectURL(downloadURL);
        downloadURL = null;
      }
      form.reset();
    } catch (error) {
      showFallback(doc, id, true);
    } finally {
      setBusy(false);
    }
  });

  // A field shown as wrong is checked again as it changes, and its message goes as soon as
  // the value is right; new messages only come with the next submit.
  function recheck(event) {
    const target = event.target;
    if (!target || !target.name || !entries.some(isShowingError)) return;
    // The whole entry: the end's message depends on the start too.
    const { problems } = collect();
    for (const entry of entries) {
      if (isShowingError(entry) && !problems.some(([problem]) => problem === entry)) clearError(entry);
    }
  }
  form.addEventListener('input', recheck);
  form.addEventListener('change', recheck);
})();
