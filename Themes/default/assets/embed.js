/*
 * Portail, default theme: embeds that take the height of their content.
 *
 * One file, two roles, chosen by the page that loads it:
 *
 * - In an embeddable page (its <body> has the class "embed": embed/<id>/table.html, map.html,
 *   chart.html, and any later widget built the same way), it tells the parent page how tall
 *   its content is, on load and whenever that changes (ResizeObserver), and again when the
 *   parent asks.
 * - In any other page (a third-party site that pasted the embed code), it listens to those
 *   messages and sets the height of the <iframe data-portail-embed> they come from. The
 *   embed code carries the script tag, so a page with several embeds loads it several times:
 *   only the first copy listens.
 *
 * Messages (window.postMessage, plain objects, nothing else is read):
 *
 *   embed → host   {type: 'portail:resize', height: <CSS pixels, number>, src: <the embed's
 *                  location.href, informative>}
 *   host → embed   {type: 'portail:resize-request'}: "tell me your height" (the host's
 *                  script may start after the embed's first message, as it loads async)
 *   host → embed   {type: 'portail:resized', height}: "your frame is now that tall"; while
 *                  the frame holds all of its content, the embed hides its own scroll bar,
 *                  which would otherwise narrow the content and make it taller (a chart that
 *                  scales with the width would then never fit)
 *
 * The host trusts nothing in a message: it must come from the window of one of its
 * iframe[data-portail-embed] (event.source), from the origin of that iframe's address, with
 * the right type and a finite height, which is rounded and kept within bounds. Nothing is
 * ever evaluated or written as HTML.
 *
 * Agenda widgets, the short code: in the host page,
 *
 *   <div data-portail-agenda="<venue key>" data-limit="5" data-theme="dark" data-lang="en"
 *        data-title="…"></div>
 *
 * (every data-* option optional) is filled with an
 * <iframe data-portail-embed src="<portal>/embed/agenda/<key>.html?limit=5&theme=dark&lang=en">,
 * which then takes the height of its content like any other embed. <portal> is the folder
 * above this script's own "assets/embed.js" (document.currentScript, or, when the script
 * runs without it, the first script element whose address ends with assets/embed.js). The
 * key must be letters, digits, "-", "_" or "." (not only dots); limit a positive integer;
 * theme "light" or "dark"; lang a language tag: anything else is left out (a bad key, no
 * frame at all). The iframe's title is data-title, or "Agenda <key>". Divs present when the
 * script runs, or when the document has been parsed, are filled; later ones are not.
 */
(function () {
  'use strict';

  const RESIZE = 'portail:resize';
  const REQUEST = 'portail:resize-request';
  const RESIZED = 'portail:resized';
  const MAX_HEIGHT = 100000;
  const SCRIPT_PATH = 'assets/embed.js';
  // Only known while this file's first lines run (null in callbacks and for modules).
  const SCRIPT = document.currentScript;

  function start() {
    if (document.body && document.body.classList.contains('embed')) embedRole();
    else hostRole();
  }

  /* ================================================================== Inside the embed */

  function embedRole() {
    if (window.__portailEmbedContent) return;
    window.__portailEmbedContent = true;
    // A page opened on its own has no one to tell.
    if (window.parent === window) return;

    let lastHeight = -1;
    let frame = 0;
    let sizedByHost = false;

    function contentHeight() {
      // The document's own height, not the frame's: the body has no minimum height in an
      // embed, so this shrinks too when the content does.
      const root = document.documentElement;
      const body = document.body;
      const style = window.getComputedStyle(body);
      const margins = (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0);
      return Math.ceil(Math.max(root.getBoundingClientRect().height, body.getBoundingClientRect().height + margins));
    }

    // No scroll bar while the frame is as tall as the content; one as soon as it is not (a
    // host whose CSS caps the frame's height), so that nothing is ever out of reach.
    function fitScrollbar(height) {
      const fitted = sizedByHost && window.innerHeight + 1 >= height;
      const value = fitted ? 'hidden' : '';
      if (document.documentElement.style.overflowY !== value) document.documentElement.style.overflowY = value;
    }

    function post(force) {
      const height = contentHeight();
      fitScrollbar(height);
      if (!force && height === lastHeight) return;
      lastHeight = height;
      try {
        window.parent.postMessage({ type: RESIZE, height, src: window.location.href }, '*');
      } catch (error) {
        // A parent that went away: nothing to size.
      }
    }

    function postSoon() {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        post(false);
      });
    }

    post(true);
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver(postSoon);
      observer.observe(document.documentElement);
      observer.observe(document.body);
    } else {
      window.setInterval(postSoon, 1000);
    }
    window.addEventListener('load', () => post(true));
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent) return;
      const data = event.data;
      if (!data || typeof data !== 'object') return;
      if (data.type === REQUEST) post(true);
      else if (data.type === RESIZED) {
        sizedByHost = true;
        fitScrollbar(contentHeight());
      }
    });
    window.addEventListener('resize', postSoon);
  }

  /* ================================================================== In the host page */

  function hostRole() {
    fillAgendas();
    if (document.readyState === 'loading') {
      // Loaded async in the middle of the page: the divs below it are not parsed yet.
      document.addEventListener('DOMContentLoaded', fillAgendas, { once: true });
    }
    if (window.__portailEmbedHost) {
      // Another copy already listens; an iframe added since may still want its height.
      askAll();
      return;
    }
    window.__portailEmbedHost = true;

    window.addEventListener('message', (event) => {
      const data = event.data;
      if (!data || typeof data !== 'object' || data.type !== RESIZE) return;
      const height = data.height;
      if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0) return;
      const frame = frameOf(event.source);
      if (!frame || !sameOrigin(frame, event.origin)) return;
      setHeight(frame, Math.min(Math.ceil(height), MAX_HEIGHT));
    });

    askAll();
    // Frames load on their own schedule (loading="lazy" ones when scrolled to): ask each one
    // when it has loaded, in case its first message came before this script.
    for (const frame of frames()) watch(frame);
  }

  const watched = new WeakSet();

  function watch(frame) {
    if (watched.has(frame)) return;
    watched.add(frame);
    frame.addEventListener('load', () => ask(frame));
  }

  /* ------------------------------------------------------------------ Agenda widgets */

  const KEY = /^[A-Za-z0-9._-]{1,200}$/;
  const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
  const THEMES = ['light', 'dark'];

  // The portal's address: the folder above assets/embed.js, or null when it cannot be known.
  function portalBase() {
    const matching = (script) => {
      if (!script || !script.src) return null;
      try {
        const url = new URL(script.src, document.baseURI);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
        if (!url.pathname.endsWith('/' + SCRIPT_PATH) && url.pathname !== '/' + SCRIPT_PATH) return null;
        url.search = '';
        url.hash = '';
        url.pathname = url.pathname.slice(0, url.pathname.length - SCRIPT_PATH.length);
        return url.href;
      } catch (error) {
        return null;
      }
    };
    const own = matching(SCRIPT);
    if (own) return own;
    for (const script of document.querySelectorAll('script[src]')) {
      const base = matching(script);
      if (base) return base;
    }
    return null;
  }

  function agendaAddress(base, div) {
    const key = (div.getAttribute('data-portail-agenda') || '').trim();
    if (!KEY.test(key) || /^\.+$/.test(key)) return null;
    const params = new URLSearchParams();
    const limit = (div.getAttribute('data-limit') || '').trim();
    if (/^\d{1,6}$/.test(limit) && Number(limit) > 0) params.set('limit', String(Number(limit)));
    const theme = (div.getAttribute('data-theme') || '').trim().toLowerCase();
    if (THEMES.includes(theme)) params.set('theme', theme);
    const lang = (div.getAttribute('data-lang') || '').trim();
    if (LANG.test(lang)) params.set('lang', lang);
    const query = params.toString();
    return { key, src: base + 'embed/agenda/' + encodeURIComponent(key) + '.html' + (query ? '?' + query : '') };
  }

  function fillAgendas() {
    const divs = Array.from(document.querySelectorAll('[data-portail-agenda]:not([data-portail-agenda-filled])'))
      .filter((div) => div.tagName !== 'IFRAME');
    if (divs.length === 0) return;
    const base = portalBase();
    if (!base) return;
    for (const div of divs) {
      // Marked even when its key is refused: another copy of this script must not retry it.
      div.setAttribute('data-portail-agenda-filled', '');
      const address = agendaAddress(base, div);
      if (!address) continue;
      const frame = document.createElement('iframe');
      frame.setAttribute('src', address.src);
      const title = (div.getAttribute('data-title') || '').trim();
      frame.setAttribute('title', title || 'Agenda ' + address.key);
      frame.setAttribute('width', '100%');
      frame.setAttribute('height', '400');
      frame.setAttribute('style', 'border:0');
      frame.setAttribute('loading', 'lazy');
      frame.setAttribute('data-portail-embed', '');
      watch(frame);
      div.textContent = '';
      div.appendChild(frame);
    }
  }

  /* ------------------------------------------------------------------ Frames */

  function frames() {
    return Array.from(document.querySelectorAll('iframe[data-portail-embed]'));
  }

  function frameOf(source) {
    if (!source) return null;
    for (const frame of frames()) {
      if (frame.contentWindow === source) return frame;
    }
    return null;
  }

  function originOf(frame) {
    const src = frame.getAttribute('src');
    if (!src || frame.hasAttribute('srcdoc')) return null;
    try {
      return new URL(src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  // A frame without an address of its own (srcdoc, about:blank, data:) cannot be checked: its
  // messages are ignored.
  function sameOrigin(frame, origin) {
    const expected = originOf(frame);
    return Boolean(expected) && expected !== 'null' && expected === origin;
  }

  function ask(frame) {
    const target = frame.contentWindow;
    const origin = originOf(frame);
    if (!target || !origin || origin === 'null') return;
    try {
      target.postMessage({ type: REQUEST }, origin);
    } catch (error) {
      // Not loaded yet, or another origin for now: its own message will come.
    }
  }

  function askAll() {
    for (const frame of frames()) ask(frame);
  }

  // The page's style sheets may say anything about iframes (borders, box-sizing, a fixed
  // height, even with !important): the inline, important height wins, and borders and
  // padding are added when the box includes them.
  function setHeight(frame, height) {
    const style = window.getComputedStyle(frame);
    let outer = height;
    if (style.boxSizing === 'border-box') {
      outer += (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.borderBottomWidth) || 0)
        + (parseFloat(style.paddingTop) || 0) + (parseFloat(style.paddingBottom) || 0);
    }
    const value = Math.ceil(outer) + 'px';
    if (frame.style.getPropertyValue('height') !== value || frame.style.getPropertyPriority('height') !== 'important') {
      frame.style.setProperty('height', value, 'important');
    }
    const origin = originOf(frame);
    if (frame.contentWindow && origin) {
      try {
        frame.contentWindow.postMessage({ type: RESIZED, height }, origin);
      } catch (error) {
        // The frame navigated away meanwhile.
      }
    }
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
