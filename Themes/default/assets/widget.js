/*
 * Portail, default theme: the options of a cinema's agenda widget (embed/agenda/<key>.html).
 *
 * The page holds one `main.widget__version` per language of the site (`data-lang`, and the
 * BCP 47 tag in `lang`); all but the site's language are hidden. The widget's address may
 * ask for something else (embed.js builds it from a `<div data-portail-agenda>`):
 *
 *   lang=<code>         show that version and hide the others (`data-lang`, or its `lang` tag,
 *                       or the language of a regional tag: en-US → en). Unknown: the default
 *   limit=<n>           a positive integer: only the first n events, across days; the days
 *                       left empty are hidden. Otherwise, all events
 *   theme=light|dark    a class on <body>: widget--light, widget--dark (portail.css)
 *
 * The widget lives in an iframe: its links open in a new tab. embed.js, loaded after this
 * script, tells the host page the widget's height; a resize event makes sure it measures
 * again once the options are applied.
 */
(function () {
  'use strict';

  const THEMES = ['light', 'dark'];

  const versions = Array.from(document.querySelectorAll('main.widget__version'));
  if (versions.length === 0) return;

  const params = new URLSearchParams(window.location.search);

  /* ------------------------------------------------------------------ Language */

  function findVersion(wanted) {
    const code = String(wanted || '').trim().toLowerCase();
    if (!code || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(code)) return null;
    const byData = (value) => versions.find((v) => (v.dataset.lang || '').toLowerCase() === value);
    const byTag = (value) => versions.find((v) => (v.getAttribute('lang') || '').toLowerCase() === value);
    return byData(code) || byTag(code) || byData(code.split('-')[0]) || null;
  }

  const initial = versions.find((v) => !v.hidden) || versions[0];
  const current = findVersion(params.get('lang')) || initial;
  for (const version of versions) {
    const hide = version !== current;
    if (version.hidden !== hide) version.hidden = hide;
  }
  const tag = current.getAttribute('lang');
  if (tag) document.documentElement.lang = tag;
  if (current !== initial) {
    // The <title> is written in the site's language; the shown heading is in the chosen one.
    const heading = current.querySelector('.widget__title');
    const text = heading ? heading.textContent.trim() : '';
    if (text) document.title = text;
  }

  /* ------------------------------------------------------------------ Number of events */

  const limitText = (params.get('limit') || '').trim();
  const limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : 0;
  if (limit > 0) {
    for (const version of versions) {
      let seen = 0;
      for (const day of version.querySelectorAll('.agenda-day')) {
        let kept = 0;
        for (const item of day.querySelectorAll('li.event')) {
          const keep = seen < limit;
          if (keep) {
            seen += 1;
            kept += 1;
          }
          if (item.hidden === keep) item.hidden = !keep;
        }
        if (day.hidden === (kept > 0)) day.hidden = kept === 0;
      }
    }
  }

  /* ------------------------------------------------------------------ Theme */

  const theme = (params.get('theme') || '').trim().toLowerCase();
  if (THEMES.includes(theme)) {
    for (const name of THEMES) document.body.classList.toggle('widget--' + name, name === theme);
  }

  /* ------------------------------------------------------------------ Links */

  // In an iframe, a link that replaced the widget would leave the reader stuck in a small
  // frame of someone else's page.
  for (const link of document.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') || '';
    if (href.startsWith('#')) continue;
    if (!link.target) link.target = '_blank';
    const rel = new Set((link.getAttribute('rel') || '').split(/\s+/).filter(Boolean));
    if (!rel.has('noopener')) {
      rel.add('noopener');
      link.setAttribute('rel', Array.from(rel).join(' '));
    }
  }

  /* ------------------------------------------------------------------ Height */

  // embed.js measures on load, on resize events and through a ResizeObserver; this one
  // makes sure the first measure after the options is sent, whichever script ran first.
  function remeasure() {
    window.dispatchEvent(new Event('resize'));
  }
  remeasure();
  window.requestAnimationFrame(remeasure);
})();
