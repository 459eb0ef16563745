/*
 * Portail, default theme: the "Intégrer" panels of a dataset page.
 *
 * Each `details.embed-panel` holds the iframe code in a read-only textarea and a copy button
 * (`[data-copy=<textarea id>]`). The button copies with the Clipboard API, or, where it is
 * missing or refused (an address without HTTPS, a denied permission), selects the text and
 * uses `document.execCommand('copy')`; the panel's status line says when it worked.
 *
 * The table and map panels follow the table's view: the iframe address (the panel's
 * `data-src`) gets the table's current parameters (`PortailTable.query`, updated on
 * `portail:state`; see table.js), so that the embed shows the same filtered rows or points.
 * The chart has no filters: its code stays as the server wrote it.
 */
(function () {
  'use strict';

  const panels = Array.from(document.querySelectorAll('details.embed-panel'));
  if (panels.length === 0) return;

  let strings = {};
  const configElement = document.getElementById('table-config');
  if (configElement) {
    try {
      strings = JSON.parse(configElement.textContent).strings || {};
    } catch (error) {
      strings = {};
    }
  }

  function escapeAttribute(text) {
    return String(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
  }

  /* ================================================================== Copying */

  const statusTimers = new WeakMap();

  function announce(panel, text) {
    const status = panel.querySelector('.embed-panel__status');
    if (!status) return;
    // Emptied first, so that a second copy is announced again.
    status.textContent = '';
    window.clearTimeout(statusTimers.get(status));
    statusTimers.set(status, window.setTimeout(() => {
      status.textContent = text;
      statusTimers.set(status, window.setTimeout(() => { status.textContent = ''; }, 5000));
    }, 50));
  }

  function copyBySelection(textarea) {
    textarea.focus();
    textarea.select();
    textarea.setSelectionRange(0, textarea.value.length);
    let done = false;
    try {
      done = document.execCommand('copy');
    } catch (error) {
      done = false;
    }
    return done;
  }

  async function copy(button) {
    const panel = button.closest('details.embed-panel');
    const textarea = document.getElementById(button.dataset.copy || '');
    if (!panel || !(textarea instanceof HTMLTextAreaElement)) return;
    let done = false;
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function' && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(textarea.value);
        done = true;
      } catch (error) {
        done = false;
      }
    }
    if (!done) done = copyBySelection(textarea);
    if (done) {
      // Pages without a table (a venue's page) give the message on the panel itself.
      announce(panel, strings.embed_copied || panel.getAttribute('data-copied') || '');
    } else {
      // Nothing could write to the clipboard: the code is selected, ready for Ctrl+C.
      textarea.focus();
      textarea.select();
    }
  }

  for (const panel of panels) {
    const button = panel.querySelector('button[data-copy]');
    if (button) button.addEventListener('click', () => copy(button));
    // A click in the code selects all of it: it is only ever copied whole.
    const textarea = panel.querySelector('textarea');
    if (textarea) textarea.addEventListener('focus', () => textarea.select());
  }

  /* ================================================================== Following the table's view */

  const following = panels
    .filter((panel) => panel.dataset.view === 'table' || panel.dataset.view === 'map')
    .map((panel) => {
      const textarea = panel.querySelector('textarea');
      return { panel, textarea, src: panel.dataset.src || '', original: textarea ? textarea.value : '' };
    })
    .filter((entry) => entry.textarea && entry.src && entry.original.indexOf('src="' + entry.src + '"') !== -1);

  function update(query) {
    for (const entry of following) {
      const address = entry.src + (query ? (entry.src.indexOf('?') === -1 ? '?' : '&') + query : '');
      // The code is HTML: "&" between parameters is written "&amp;".
      const code = entry.original.split('src="' + entry.src + '"').join('src="' + escapeAttribute(address) + '"');
      if (entry.textarea.value !== code) entry.textarea.value = code;
    }
  }

  if (following.length > 0) {
    document.addEventListener('portail:state', (event) => {
      const query = event.detail && typeof event.detail.query === 'string' ? event.detail.query : '';
      update(query);
    });
    // The view read from the page's address when it opened.
    if (window.PortailTable) update(window.PortailTable.query);
  }
})();
