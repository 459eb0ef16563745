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
 */
(function () {
  'use strict';

  const RESIZE = 'portail:resize';
  const REQUEST = 'portail:resize-request';
  const RESIZED = 'portail:resized';
  const MAX_HEIGHT = 100000;

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
    for (const frame of frames()) frame.addEventListener('load', () => ask(frame));
  }

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
