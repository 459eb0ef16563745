/*
 * Portail, default theme: the filters of the agenda (agenda/index.html).
 *
 * The page works without this script: every upcoming event is in the HTML, grouped by day,
 * and the filter form stays hidden. The script shows the form and only hides the events
 * that do not match (and the days left empty), so links, headings and the reading order
 * stay those the server wrote.
 *
 * Each `li.event` carries what the filters read:
 *
 *   data-region, data-venue, data-type   one value each, compared as written
 *   data-accessibility                   space-separated codes (hi vi pi mi ii): the event
 *                                        must have the chosen code
 *   data-age-min, data-age-max           the age range; either may be empty (unbounded). An
 *                                        event without any bound suits every age
 *
 * Filters combine with AND. The state lives in the address, so that a filtered agenda can
 * be bookmarked and shared: ?region=…&venue=…&type=…&accessibility=…&age=… (values at
 * their default are left out; other parameters are kept). The status line (#agenda-statut,
 * role=status) says how many events are shown, with the strings and digit grouping of
 * #agenda-config.
 */
(function () {
  'use strict';

  const SELECTS = ['region', 'venue', 'type', 'accessibility'];
  const PARAMS = SELECTS.concat(['age']);
  // Long enough not to re-filter (and re-announce the count) on every keystroke of "12".
  const TYPING_DELAY = 200;

  const configElement = document.getElementById('agenda-config');
  const form = document.getElementById('agenda-filtres');
  const list = document.getElementById('agenda-jours');
  if (!configElement || !form) return;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    // A broken configuration leaves the static agenda as it is, which is still complete.
    return;
  }

  const locale = config.locale || {};
  const strings = config.strings || {};
  const status = document.getElementById('agenda-statut');

  const controls = {};
  for (const name of PARAMS) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLSelectElement || control instanceof HTMLInputElement) controls[name] = control;
  }

  /* ------------------------------------------------------------------ The events, read once */

  function bound(text) {
    if (text === undefined || text === null || String(text).trim() === '') return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  const days = [];
  const events = [];
  if (list) {
    for (const section of list.querySelectorAll('.agenda-day')) {
      const day = { section, items: [] };
      days.push(day);
      for (const li of section.querySelectorAll('li.event')) {
        const data = li.dataset;
        const item = {
          li,
          day,
          region: data.region || '',
          venue: data.venue || '',
          type: data.type || '',
          accessibility: (data.accessibility || '').split(/\s+/).filter(Boolean),
          min: bound(data.ageMin),
          max: bound(data.ageMax),
        };
        day.items.push(item);
        events.push(item);
      }
    }
  }
  const total = events.length;

  // Said when no event matches; inserted once, shown only then.
  let empty = null;
  if (list) {
    empty = document.createElement('p');
    empty.className = 'agenda-no-match';
    empty.id = 'agenda-aucun';
    empty.hidden = true;
    empty.textContent = strings.agenda_no_match || '';
    list.parentNode.insertBefore(empty, list);
  }

  /* ------------------------------------------------------------------ Text helpers */

  function groupDigits(n) {
    const digits = String(Math.abs(n));
    const grouped = digits.length > 3
      ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale.group || '')
      : digits;
    return (n < 0 ? '-' : '') + grouped;
  }

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, (match, key) =>
      Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match);
  }

  function isSingular(n) {
    return n === 1 || (n === 0 && locale.zeroIsSingular === true);
  }

  /* ------------------------------------------------------------------ State */

  // An age is a whole or decimal number of years, 0 to 150; anything else filters nothing.
  function parseAge(text) {
    const trimmed = String(text || '').trim().replace(',', '.');
    if (!/^\d{1,3}(\.\d+)?$/.test(trimmed)) return null;
    const value = Number(trimmed);
    return value <= 150 ? value : null;
  }

  function readControls() {
    const state = {};
    for (const name of SELECTS) state[name] = controls[name] ? controls[name].value : '';
    const ageText = controls.age ? controls.age.value : '';
    state.age = parseAge(ageText);
    // A number field whose text is not a number reports an empty value: no filter.
    return state;
  }

  function isFiltered(state) {
    return SELECTS.some((name) => state[name] !== '') || state.age !== null;
  }

  function matches(item, state) {
    if (state.region && item.region !== state.region) return false;
    if (state.venue && item.venue !== state.venue) return false;
    if (state.type && item.type !== state.type) return false;
    if (state.accessibility && !item.accessibility.includes(state.accessibility)) return false;
    if (state.age !== null) {
      if (item.min !== null && state.age < item.min) return false;
      if (item.max !== null && state.age > item.max) return false;
    }
    return true;
  }

  function apply() {
    const state = readControls();
    let shown = 0;
    for (const day of days) {
      let dayShown = 0;
      for (const item of day.items) {
        const visible = matches(item, state);
        // Only touch the DOM when the visibility changes.
        if (item.li.hidden === visible) item.li.hidden = !visible;
        if (visible) dayShown += 1;
      }
      const dayVisible = dayShown > 0;
      if (day.section.hidden === dayVisible) day.section.hidden = !dayVisible;
      shown += dayShown;
    }
    if (empty) empty.hidden = !(shown === 0 && total > 0);
    updateStatus(state, shown);
    writeAddress(state);
  }

  function updateStatus(state, shown) {
    if (!status) return;
    let text;
    if (isFiltered(state)) {
      const key = isSingular(shown) ? 'events_shown_one' : 'events_shown_other';
      text = fill(strings[key], { n: groupDigits(shown), total: groupDigits(total) });
    } else {
      const key = isSingular(total) ? 'events_one' : 'events_other';
      text = fill(strings[key], { n: groupDigits(total) });
    }
    // Rewriting the same text would make some screen readers repeat it.
    if (text && status.textContent !== text) status.textContent = text;
  }

  /* ------------------------------------------------------------------ Address */

  function writeAddress(state) {
    if (!window.history || typeof window.history.replaceState !== 'function') return;
    const url = new URL(window.location.href);
    const params = url.searchParams;
    for (const name of PARAMS) params.delete(name);
    for (const name of SELECTS) {
      if (state[name] !== '') params.set(name, state[name]);
    }
    if (state.age !== null) params.set('age', String(state.age));
    const query = params.toString();
    const next = url.pathname + (query ? '?' + query : '') + url.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', next);
    }
  }

  // The address is the source of truth on load: a shared link must show what its author saw,
  // even if the browser restored other form values from its history. A value the page does
  // not offer (an old link, a cinema without events any more) is dropped.
  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const name of SELECTS) {
      const select = controls[name];
      if (!select) continue;
      const wanted = params.get(name) || '';
      const offered = Array.prototype.some.call(select.options, (option) => option.value === wanted);
      select.value = offered ? wanted : '';
    }
    if (controls.age) {
      const age = parseAge(params.get('age'));
      controls.age.value = age === null ? '' : String(age);
    }
  }

  /* ------------------------------------------------------------------ Events */

  let timer = 0;

  form.addEventListener('submit', (event) => {
    // The agenda filters as you choose; submitting would reload the page for nothing.
    event.preventDefault();
    window.clearTimeout(timer);
    apply();
  });

  form.addEventListener('change', () => {
    window.clearTimeout(timer);
    apply();
  });

  if (controls.age) {
    controls.age.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, TYPING_DELAY);
    });
  }

  readAddress();
  form.hidden = false;
  // Also without filters: the count is then the page's own, and the address loses the
  // values the page dropped.
  apply();
})();
