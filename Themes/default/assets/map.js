/*
 * Portail, default theme: the map of a dataset (dataset page and embed/<id>/map.html).
 *
 * The rows come from table.js (`window.PortailTable`, see the contract at the top of
 * table.js): the map loads nothing itself, shows the rows that pass the table's filters and
 * follows them (`portail:filter`), and fills in while chunks arrive (`portail:rows`).
 *
 * Tens of thousands of points must stay smooth, so they are not Leaflet markers: one canvas
 * layer (a Leaflet layer in the overlay pane, like Leaflet's own canvas renderer) stamps a
 * pre-computed dot into its pixels for every point, at most once per animation frame, and
 * finds the point under a click by a plain scan of the shown points. Positions are projected
 * once per row (at zoom 0) and scaled per zoom level; a filter only changes the list of rows
 * to draw.
 *
 * Keyboard: the map is focusable and keeps Leaflet's keys (arrows pan, + and - zoom, Escape
 * closes a popup); Enter or Space opens the popup of the point nearest the map's centre.
 * The status line above the map says how many places it shows.
 *
 * Configuration (`#map-config`): {tiles, attribution, attributionURL, popup: [column
 * indexes], recordURL: null or a pattern with {key}}. Interface strings come from the table
 * configuration (map_points, map_no_points).
 *
 * For tests and for curious readers, `window.PortailMap` exposes the Leaflet map and the
 * counts: `shown` (points passing the filters), `drawn` (points drawn by the last redraw)
 * `timings.allDrawn` (performance.now() when every point of the fully loaded table was first
 * drawn), `timings.lastUpdate` (milliseconds the last filter change took, from the event to
 * the redrawn canvas) and `selected` (the row whose popup is open, or -1). The container
 * mirrors the counts in data-points-shown and data-points-drawn.
 */
(function () {
  'use strict';

  const container = document.getElementById('carte-leaflet');
  const configElement = document.getElementById('map-config');
  if (!container || !configElement || typeof window.L === 'undefined') return;
  const L = window.L;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    return;
  }
  if (!config || typeof config !== 'object' || typeof config.tiles !== 'string') return;

  const HIT_SLOP = 4;
  const FILL = '#1d4f91';          // --c-primary: 8:1 against the white ring around each point
  const SELECTED_FILL = '#b35c00'; // --c-warning-edge, for the point whose popup is open

  // Points grow as the map zooms in: small where thousands crowd a country, easy to hit in a town.
  function radiusAt(zoom) {
    return Math.max(3, Math.min(7, 1.5 + zoom * 0.5));
  }

  // A point is a dot with a white ring, stamped straight into the canvas's pixels: copying a
  // pre-drawn image 60,000 times, or filling one path of 60,000 arcs, keeps the rasteriser
  // busy for a large part of a second; writing the pixels takes a few milliseconds. The
  // stamp is computed once per size, anti-aliased by 4×4 supersampling: `dot` pixels are
  // opaque (the dot, its edge blended into the ring), the others are the ring's outer edge,
  // white with some transparency.
  const RING = 1.25;
  const stamps = new Map();

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return ((alpha << 24) | ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff)) >>> 0;
  }

  function stampFor(radius, ratio) {
    const key = radius + ' ' + ratio;
    let stamp = stamps.get(key);
    if (stamp) return stamp;
    const outer = (radius + RING) * ratio;
    const inner = radius * ratio;
    const extent = Math.ceil(outer + 1);
    const fill = parseInt(FILL.slice(1), 16);
    const dx = [];
    const dy = [];
    const colour = [];
    const dot = [];
    for (let y = -extent; y <= extent; y++) {
      for (let x = -extent; x <= extent; x++) {
        let inOuter = 0;
        let inInner = 0;
        for (let sy = 0; sy < 4; sy++) {
          for (let sx = 0; sx < 4; sx++) {
            const px = x - 0.5 + (sx + 0.5) / 4;
            const py = y - 0.5 + (sy + 0.5) / 4;
            const distance = px * px + py * py;
            if (distance <= outer * outer) inOuter += 1;
            if (distance <= inner * inner) inInner += 1;
          }
        }
        if (inOuter === 0) continue;
        dx.push(x);
        dy.push(y);
        if (inInner > 0) {
          // The dot over its white ring: opaque, the edge a blend of both colours.
          const a = inInner / 16;
          const channel = (shift) => Math.round(((fill >> shift) & 0xff) * a + 255 * (1 - a));
          colour.push(((255 << 24) | (channel(0) << 16) | (channel(8) << 8) | channel(16)) >>> 0);
          dot.push(1);
        } else {
          colour.push(rgba('#ffffff', Math.round((inOuter / 16) * 255)));
          dot.push(0);
        }
      }
    }
    stamp = {
      extent,
      dx: Int32Array.from(dx),
      dy: Int32Array.from(dy),
      colour: Uint32Array.from(colour),
      dot: Uint8Array.from(dot),
    };
    stamps.set(key, stamp);
    return stamp;
  }

  const inEmbed = document.body.classList.contains('embed');

  /* ================================================================== Text helpers */

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, (match, key) =>
      Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match);
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
  }

  function isWebURL(text) {
    return typeof text === 'string' && /^https?:\/\//i.test(text);
  }

  /* ================================================================== Status line */

  // Leaflet fills the container with its panes: the status line goes just above the map,
  // where it is read before it.
  let statusElement = document.getElementById('carte-statut');
  if (statusElement) {
    container.parentNode.insertBefore(statusElement, container);
  } else {
    statusElement = document.createElement('p');
    statusElement.className = 'map__status';
    statusElement.id = 'carte-statut';
    statusElement.setAttribute('role', 'status');
    statusElement.setAttribute('aria-live', 'polite');
    container.parentNode.insertBefore(statusElement, container);
  }

  /* ================================================================== The map */

  // Interface strings travel with the table's configuration (table.js runs first).
  const strings = (window.PortailTable && window.PortailTable.strings) || {};

  const map = L.map(container, {
    preferCanvas: true,
    keyboard: true,
    worldCopyJump: false,
    minZoom: 1,
    maxZoom: 19,
    zoomControl: false,
  });
  // Leaflet's buttons are labelled in English; the theme's strings win when it has them.
  L.control.zoom({
    zoomInTitle: strings.map_zoom_in || 'Zoom in',
    zoomOutTitle: strings.map_zoom_out || 'Zoom out',
  }).addTo(map);
  // No view yet: the first rows set it (fitting their bounds), so that no tile is fetched for
  // a view nobody sees. Layers added meanwhile wait for it.
  let viewSet = false;
  function setDefaultView() {
    if (viewSet) return;
    viewSet = true;
    map.setView([20, 0], 2);
  }

  let attribution = escapeHTML(config.attribution || '');
  if (attribution && isWebURL(config.attributionURL)) {
    attribution = '<a href="' + escapeHTML(config.attributionURL) + '"' + (inEmbed ? ' target="_blank" rel="noopener"' : '') + '>' + attribution + '</a>';
  }
  // Tiles that cannot load (offline, blocked) leave the background blank; Leaflet handles the
  // error event of each image, so nothing is thrown.
  L.tileLayer(config.tiles, { attribution, maxZoom: 19 }).addTo(map);

  /* ================================================================== The points layer */

  const PointLayer = L.Layer.extend({
    options: { pane: 'overlayPane', padding: 0.25 },

    initialize() {
      this._x = new Float64Array(0);   // projected x at zoom 0, per row
      this._y = new Float64Array(0);
      this._has = new Uint8Array(0);   // 1 when the row has a position
      this._projected = 0;             // rows projected so far
      this._shown = new Int32Array(0); // rows to draw, in the table's order
      this._selected = -1;
      this.drawn = 0;
    },

    onAdd(map) {
      this._canvas = L.DomUtil.create('canvas', 'map__points leaflet-zoom-animated');
      this._canvas.setAttribute('aria-hidden', 'true');
      this._context = this._canvas.getContext('2d');
      this.getPane().appendChild(this._canvas);
      this._animated = Boolean(map.options.zoomAnimation && L.Browser.any3d && typeof map._latLngToNewLayerPoint === 'function');
      this.requestRedraw();
    },

    onRemove() {
      if (this._frame) window.cancelAnimationFrame(this._frame);
      this._frame = 0;
      L.DomUtil.remove(this._canvas);
    },

    getEvents() {
      const events = { viewreset: this.requestRedraw, moveend: this.requestRedraw, resize: this.requestRedraw };
      if (this._animated) events.zoomanim = this._animateZoom;
      else events.zoomstart = this._hide;
      return events;
    },

    // Projects the rows that arrived since the last call; positions never change afterwards.
    project(rows, point) {
      const n = rows.length;
      if (n > this._x.length) {
        const size = Math.max(n, this._x.length * 2);
        const x = new Float64Array(size);
        const y = new Float64Array(size);
        const has = new Uint8Array(size);
        x.set(this._x);
        y.set(this._y);
        has.set(this._has);
        this._x = x;
        this._y = y;
        this._has = has;
      }
      for (let r = this._projected; r < n; r++) {
        const position = point(rows[r]);
        if (position && Number.isFinite(position.lat) && Number.isFinite(position.lon)
          && Math.abs(position.lat) <= 90 && Math.abs(position.lon) <= 180) {
          const p = map.project([position.lat, position.lon], 0);
          this._x[r] = p.x;
          this._y[r] = p.y;
          this._has[r] = 1;
        }
      }
      this._projected = n;
    },

    // The rows to show (indexes into the rows, in any order): keeps those with a position.
    setRows(indices) {
      const shown = new Int32Array(indices.length);
      let count = 0;
      for (let i = 0; i < indices.length; i++) {
        const r = indices[i];
        if (r < this._projected && this._has[r] === 1) shown[count++] = r;
      }
      this._shown = shown.subarray(0, count);
      if (this._selected >= 0 && !this.isShown(this._selected)) this._selected = -1;
      if (this._map) this.requestRedraw();
    },

    isShown(r) {
      const shown = this._shown;
      for (let i = 0; i < shown.length; i++) if (shown[i] === r) return true;
      return false;
    },

    count() {
      return this._shown.length;
    },

    // The geographic box of the shown points, or null.
    bounds() {
      const shown = this._shown;
      if (shown.length === 0) return null;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let i = 0; i < shown.length; i++) {
        const r = shown[i];
        const x = this._x[r];
        const y = this._y[r];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      return L.latLngBounds(map.unproject([minX, maxY], 0), map.unproject([maxX, minY], 0));
    },

    select(r) {
      if (this._selected === r) return;
      this._selected = r;
      this.requestRedraw();
    },

    _hide() {
      if (this._canvas) this._canvas.style.visibility = 'hidden';
    },

    // During a zoom animation, scale the drawn canvas like Leaflet scales its own layers.
    _animateZoom(event) {
      if (!this._origin) return;
      const scale = this._map.getZoomScale(event.zoom, this._zoom);
      const offset = this._map._latLngToNewLayerPoint(this._origin, event.zoom, event.center);
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    // Redraws once per frame at most: a chunk of rows, a fit and a move may all ask in one go.
    requestRedraw() {
      if (this._frame) return;
      this._frame = window.requestAnimationFrame(() => {
        this._frame = 0;
        this.redraw();
      });
    },

    redraw() {
      const map = this._map;
      if (!map || !this._canvas) return;
      if (this._frame) {
        window.cancelAnimationFrame(this._frame);
        this._frame = 0;
      }
      const size = map.getSize();
      const canvas = this._canvas;
      const context = this._context;
      const pad = size.multiplyBy(this.options.padding).round();
      const topLeft = map.containerPointToLayerPoint([-pad.x, -pad.y]).round();
      const width = size.x + 2 * pad.x;
      const height = size.y + 2 * pad.y;
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      L.DomUtil.setPosition(canvas, topLeft);
      canvas.style.visibility = '';
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = width + 'px';
        canvas.style.height = height + 'px';
      }
      this._zoom = map.getZoom();
      this._origin = map.layerPointToLatLng(topLeft);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, width, height);

      const scale = map.getZoomScale(this._zoom, 0);
      const pixelOrigin = map.getPixelOrigin();
      const offsetX = pixelOrigin.x + topLeft.x;
      const offsetY = pixelOrigin.y + topLeft.y;
      const shown = this._shown;
      const xs = this._x;
      const ys = this._y;
      const r = radiusAt(this._zoom);

      // Every point is stamped into one pixel buffer (see stampFor): dots always win, a ring
      // never covers a dot, so that crowded points merge into one shape with a white edge.
      const deviceWidth = canvas.width;
      const deviceHeight = canvas.height;
      if (!this._image || this._image.width !== deviceWidth || this._image.height !== deviceHeight) {
        this._image = context.createImageData(deviceWidth, deviceHeight);
        this._pixels = new Uint32Array(this._image.data.buffer);
        this._dots = new Uint8Array(deviceWidth * deviceHeight);
      } else {
        this._pixels.fill(0);
        this._dots.fill(0);
      }
      const pixels = this._pixels;
      const dots = this._dots;
      const stamp = stampFor(r, ratio);
      const { extent, dx, dy, colour, dot } = stamp;
      const stampSize = dx.length;
      let drawn = 0;
      for (let i = 0; i < shown.length; i++) {
        const row = shown[i];
        const x = xs[row] * scale - offsetX;
        const y = ys[row] * scale - offsetY;
        if (x < -r || y < -r || x > width + r || y > height + r) continue;
        drawn += 1;
        const cx = Math.round(x * ratio);
        const cy = Math.round(y * ratio);
        const inside = cx - extent >= 0 && cy - extent >= 0 && cx + extent < deviceWidth && cy + extent < deviceHeight;
        const base = cy * deviceWidth + cx;
        for (let j = 0; j < stampSize; j++) {
          if (!inside) {
            const px = cx + dx[j];
            const py = cy + dy[j];
            if (px < 0 || py < 0 || px >= deviceWidth || py >= deviceHeight) continue;
          }
          const k = base + dy[j] * deviceWidth + dx[j];
          if (dot[j] === 1) {
            pixels[k] = colour[j];
            dots[k] = 1;
          } else if (dots[k] === 0 && (colour[j] >>> 24) > (pixels[k] >>> 24)) {
            pixels[k] = colour[j];
          }
        }
      }
      context.putImageData(this._image, 0, 0);

      const selected = this._selected;
      if (selected >= 0) {
        const x = xs[selected] * scale - offsetX;
        const y = ys[selected] * scale - offsetY;
        context.beginPath();
        context.arc(x, y, r + 3, 0, Math.PI * 2);
        context.fillStyle = SELECTED_FILL;
        context.fill();
        context.lineWidth = 2;
        context.strokeStyle = '#ffffff';
        context.stroke();
      }
      this.drawn = drawn;
      this.fire('draw', { drawn });
    },

    // The shown row nearest a container point, within reach of a finger; -1 when none.
    // Works from the map's current view (not the last drawing), in zoom-0 units; later points
    // are drawn on top, so among equals the last one wins.
    hit(containerPoint, reach) {
      const map = this._map;
      if (!map) return -1;
      const zoom = map.getZoom();
      const scale = map.getZoomScale(zoom, 0);
      const projected = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin());
      const qx = projected.x / scale;
      const qy = projected.y / scale;
      const limit = (reach === undefined ? radiusAt(zoom) + HIT_SLOP : reach) / scale;
      let best = -1;
      let bestDistance = limit * limit;
      const shown = this._shown;
      for (let i = 0; i < shown.length; i++) {
        const row = shown[i];
        const dx = this._x[row] - qx;
        const dy = this._y[row] - qy;
        const distance = dx * dx + dy * dy;
        if (distance <= bestDistance) {
          bestDistance = distance;
          best = row;
        }
      }
      return best;
    },

    latLngOf(r) {
      return map.unproject([this._x[r], this._y[r]], 0);
    },
  });

  const layer = new PointLayer();
  layer.addTo(map);

  /* ================================================================== Popups */

  function recordLink(row) {
    const data = window.PortailTable;
    const key = data && Number.isInteger(data.config.key) ? row[data.config.key] : null;
    if (typeof config.recordURL !== 'string' || config.recordURL === '' || key === null || key === undefined) return null;
    return config.recordURL.split('{key}').join(encodeURIComponent(String(key)));
  }

  function popupContent(row) {
    const data = window.PortailTable;
    const columns = data.columns;
    const wanted = (Array.isArray(config.popup) ? config.popup : [])
      .filter((c) => Number.isInteger(c) && c >= 0 && c < columns.length);
    const box = document.createElement('div');
    box.className = 'map-popup';
    const titleColumn = wanted.length > 0 ? wanted[0] : 0;
    const title = document.createElement('p');
    title.className = 'map-popup__title';
    const titleText = data.display(row, titleColumn) || columns[titleColumn].title;
    const href = recordLink(row);
    if (href) {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = titleText;
      if (inEmbed) {
        link.target = '_blank';
        link.rel = 'noopener';
      }
      title.appendChild(link);
    } else {
      title.textContent = titleText;
    }
    box.appendChild(title);
    const list = document.createElement('dl');
    list.className = 'map-popup__fields';
    for (const c of wanted.slice(1)) {
      const text = data.display(row, c);
      if (text === '') continue;
      const line = document.createElement('div');
      const term = document.createElement('dt');
      term.textContent = columns[c].title;
      const value = document.createElement('dd');
      value.textContent = text;
      line.append(term, value);
      list.appendChild(line);
    }
    if (list.childNodes.length > 0) box.appendChild(list);
    return box;
  }

  const popup = L.popup({ maxWidth: 300, autoPanPadding: [24, 24] });
  let popupRow = -1;

  function openPopup(r) {
    const data = window.PortailTable;
    if (!data || r < 0 || !data.rows[r]) return;
    popupRow = r;
    layer.select(r);
    popup.setLatLng(layer.latLngOf(r)).setContent(popupContent(data.rows[r])).openOn(map);
  }

  map.on('popupclose', (event) => {
    if (event.popup !== popup) return;
    popupRow = -1;
    layer.select(-1);
  });

  map.on('click', (event) => {
    const r = layer.hit(event.containerPoint);
    if (r >= 0) openPopup(r);
  });

  // A pointer over a point shows that it can be clicked.
  let hoverFrame = 0;
  let hoverPoint = null;
  map.on('mousemove', (event) => {
    hoverPoint = event.containerPoint;
    if (hoverFrame) return;
    hoverFrame = window.requestAnimationFrame(() => {
      hoverFrame = 0;
      if (hoverPoint) container.classList.toggle('map--over-point', layer.hit(hoverPoint) >= 0);
    });
  });
  map.on('mouseout', () => {
    hoverPoint = null;
    container.classList.remove('map--over-point');
  });

  // Enter or Space on the focused map: the point nearest its centre.
  container.addEventListener('keydown', (event) => {
    if (event.target !== container || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const size = map.getSize();
    const r = layer.hit(L.point(size.x / 2, size.y / 2), Math.max(size.x, size.y));
    if (r >= 0) {
      event.preventDefault();
      openPopup(r);
    }
  });

  /* ================================================================== Following the table */

  // The reader moved the map: rows that arrive later must not move it back.
  let readerMoved = false;
  for (const type of ['pointerdown', 'wheel', 'touchstart']) {
    container.addEventListener(type, () => { readerMoved = true; }, { passive: true });
  }
  container.addEventListener('keydown', (event) => {
    if (/^(Arrow|\+|-|=|_)/.test(event.key)) readerMoved = true;
  });

  function fit() {
    const bounds = layer.bounds();
    if (!bounds) {
      setDefaultView();
      return;
    }
    viewSet = true;
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14, animate: false });
  }

  let statusText = '';
  function updateStatus() {
    const data = window.PortailTable;
    if (!data || !data.complete) return;
    const count = layer.count();
    let text = count > 0
      ? fill(data.strings.map_points, { n: data.formatCount(count) })
      : data.strings.map_no_points || '';
    // Rows that could not be read are not "no place matching the filters".
    if (data.failed) text = (data.strings.table_load_error || '') + (count > 0 ? ' ' + text : '');
    if (text !== statusText) {
      statusText = text;
      statusElement.textContent = text;
    }
    container.dataset.pointsShown = String(count);
  }

  const timings = { allDrawn: null, lastUpdate: null };

  let filterStarted = null;

  layer.on('draw', (event) => {
    container.dataset.pointsDrawn = String(event.drawn);
    if (filterStarted !== null) {
      timings.lastUpdate = performance.now() - filterStarted;
      filterStarted = null;
    }
    const data = window.PortailTable;
    if (timings.allDrawn === null && data && data.complete && data.loaded > 0
      && event.drawn === layer.count() && layer.count() > 0) {
      timings.allDrawn = performance.now();
    }
  });

  function onRows() {
    const data = window.PortailTable;
    if (!data) return;
    layer.project(data.rows, data.point);
    layer.setRows(data.filtered);
    if (popupRow >= 0 && !layer.isShown(popupRow)) map.closePopup(popup);
    if (!readerMoved) fit();
    updateStatus();
  }

  function onFilter() {
    const data = window.PortailTable;
    if (!data) return;
    filterStarted = performance.now();
    layer.setRows(data.filtered);
    if (popupRow >= 0 && !layer.isShown(popupRow)) map.closePopup(popup);
    readerMoved = false;
    fit();
    updateStatus();
  }

  document.addEventListener('portail:rows', onRows);
  document.addEventListener('portail:filter', onFilter);
  // Rows that table.js published before this script ran.
  if (!window.PortailTable) setDefaultView();
  else if (window.PortailTable.loaded > 0 || window.PortailTable.complete) onRows();

  window.PortailMap = {
    map,
    layer,
    timings,
    get shown() { return layer.count(); },
    get drawn() { return layer.drawn; },
    get selected() { return popupRow; },
    openPopup,
  };
})();
