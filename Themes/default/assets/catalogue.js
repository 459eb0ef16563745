/*
 * Portail, default theme: live search and facets on the catalogue (home page).
 *
 * The page works without this script: every dataset card is in the HTML. The script only
 * hides the cards that do not match, so links, headings and the reading order stay those
 * the server wrote. The filter state lives in the address (?q=…&themes=…) so that a
 * filtered catalogue can be bookmarked and shared.
 */
(function () {
  'use strict';

  const FACETS = ['themes', 'keywords', 'access'];
  // Short enough to feel instant, long enough not to re-filter (and re-announce the count)
  // on every keystroke of a word.
  const TYPING_DELAY = 150;

  const configElement = document.getElementById('catalogue-config');
  const list = document.getElementById('jeux');
  if (!configElement || !list) return;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    // A broken configuration leaves the static catalogue as it is, which is still usable.
    return;
  }

  const locale = config.locale || {};
  const strings = config.strings || {};
  const form = document.getElementById('catalogue-recherche');
  const input = document.getElementById('recherche');
  const facetsBox = document.getElementById('facettes');
  const status = document.getElementById('resultats-statut');
  const empty = document.getElementById('aucun-resultat');
  const checkboxes = facetsBox ? Array.from(facetsBox.querySelectorAll('input[type="checkbox"]')) : [];

  // Cards by dataset id, so that each configuration entry finds its card without a lookup
  // in the DOM on every keystroke.
  const cards = new Map();
  for (const card of list.querySelectorAll(':scope > li.dataset-card[data-id]')) {
    cards.set(card.dataset.id, card);
  }
  const datasets = (config.datasets || []).filter((dataset) => cards.has(dataset.id));
  const total = datasets.length;

  /* ------------------------------------------------------------------ Text helpers */

  // Same folding as the server applies to `search`: accents and case do not matter, and
  // the ligatures French writes (œuvre, ex æquo) match their two-letter spelling.
  function fold(text) {
    return String(text)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae');
  }

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

  function readControls() {
    const state = { q: input ? input.value : '', facets: {} };
    for (const key of FACETS) state.facets[key] = [];
    for (const box of checkboxes) {
      if (box.checked && state.facets[box.name]) state.facets[box.name].push(box.value);
    }
    return state;
  }

  function isFiltered(state) {
    return state.q.trim() !== '' || FACETS.some((key) => state.facets[key].length > 0);
  }

  function matches(dataset, words, facets) {
    const haystack = dataset.search || '';
    for (const word of words) {
      if (!haystack.includes(word)) return false;
    }
    // OR within a facet, AND across facets.
    for (const key of FACETS) {
      const wanted = facets[key];
      if (wanted.length === 0) continue;
      const values = dataset[key] || [];
      if (!wanted.some((value) => values.includes(value))) return false;
    }
    return true;
  }

  function apply() {
    const state = readControls();
    const words = fold(state.q).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const dataset of datasets) {
      const visible = matches(dataset, words, state.facets);
      const card = cards.get(dataset.id);
      // Only touch the DOM when the visibility changes.
      if (card.hidden === visible) card.hidden = !visible;
      if (visible) shown += 1;
    }
    if (empty) empty.hidden = shown !== 0;
    updateStatus(state, shown);
    writeAddress(state);
  }

  function updateStatus(state, shown) {
    if (!status) return;
    let text;
    if (isFiltered(state)) {
      const key = isSingular(shown) ? 'datasets_shown_one' : 'datasets_shown_other';
      text = fill(strings[key], { n: groupDigits(shown), total: groupDigits(total) });
    } else {
      const key = isSingular(total) ? 'datasets_one' : 'datasets_other';
      text = fill(strings[key], { n: groupDigits(total) });
    }
    // Rewriting the same text would make some screen readers repeat it.
    if (status.textContent !== text) status.textContent = text;
  }

  /* ------------------------------------------------------------------ Address */

  function writeAddress(state) {
    if (!window.history || typeof window.history.replaceState !== 'function') return;
    const url = new URL(window.location.href);
    const params = url.searchParams;
    params.delete('q');
    for (const key of FACETS) params.delete(key);
    if (state.q.trim() !== '') params.set('q', state.q.trim());
    for (const key of FACETS) {
      for (const value of state.facets[key]) params.append(key, value);
    }
    const query = params.toString();
    const next = url.pathname + (query ? '?' + query : '') + url.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', next);
    }
  }

  // The address is the source of truth on load: a shared link must show what its author saw,
  // even if the browser restored other form values from its history.
  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    if (input) input.value = params.get('q') || '';
    for (const box of checkboxes) {
      box.checked = FACETS.includes(box.name) && params.getAll(box.name).includes(box.value);
    }
  }

  /* ------------------------------------------------------------------ Events */

  let timer = 0;

  if (form) {
    form.addEventListener('submit', (event) => {
      // The search runs as you type; submitting would reload the page for nothing.
      event.preventDefault();
      window.clearTimeout(timer);
      apply();
    });
  }

  if (input) {
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, TYPING_DELAY);
    });
  }

  if (facetsBox) {
    facetsBox.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
        window.clearTimeout(timer);
        apply();
      }
    });
  }

  readAddress();
  // On a phone the facets would push the datasets two screens down: they start folded,
  // unless the address ticks some.
  if (facetsBox && facetsBox.tagName === 'DETAILS' && window.matchMedia('(max-width: 40em)').matches &&
      !checkboxes.some((box) => box.checked)) {
    facetsBox.open = false;
  }
  // Without filters in the address the server's page is already right: skip the work, and
  // leave the address untouched.
  if (isFiltered(readControls())) apply();
})();
