/*
 * Portail, default theme: the interactive table of a dataset page, and the data of its map.
 *
 * Without this script the page shows the first rows, rendered by the server, and links to
 * the full downloads. With it, the section loads the whole table from `table/<n>.json`
 * (one chunk after the other, so the first rows are usable at once) and adds sorting,
 * filters, facets, paging and downloads of the filtered rows (CSV, and GeoJSON when the
 * dataset has a geography).
 *
 * Values are formatted exactly as the server formats them (Swift `DisplayFormat` and
 * `MachineFormat`), with the locale data the page provides: re-rendering the first page
 * must not change a single character, and the CSV or GeoJSON of a selection must read like
 * the full export.
 *
 * Tables can hold 60,000 rows of 30 columns, so the script never touches more DOM than one
 * page of rows, keeps sort orders as typed arrays, and builds the search text of the rows
 * in small slices while the browser is idle.
 *
 * Data-only mode: a page with `#table-config` but no `#table-donnees` (the map embed) gets
 * the loading, the filters read from the address and the published data below, and no
 * interface.
 *
 * ---------------------------------------------------------------- Address (URL state)
 *
 * The view is read from the page's address on load and written back with
 * `history.replaceState` whenever it changes, so that a filtered view can be shared, and
 * embedded (embed/<id>/table.html and map.html read the same parameters):
 *
 *   q=<words>                   the search over all columns
 *   <column name>=<text>        a column filter, as typed (`commune=Rennes`, `screens=>=5`);
 *                               `filter.<column name>=` is accepted too, and is written for a
 *                               column whose name is one of the reserved names below
 *   facet.<column name>=<value> a ticked facet value, repeated for each value; values are the
 *                               machine text of the CSV export (`true`/`false` for booleans,
 *                               one item of a list column)
 *   sort=<column name>          the sort column, with order=asc|desc (asc by default)
 *   size=<rows per page>        when it is not the default
 *
 * Parameters that are none of these are left untouched; values at their default are left out.
 *
 * ---------------------------------------------------------------- Contract with other scripts
 *
 * map.js and embed-panel.js read the data through `window.PortailTable`, set as soon as the
 * configuration is read (before any row is loaded):
 *
 *   columns         the configuration's columns ({name, title, type, separator?…}), in order
 *   config, strings, the page's table configuration and its interface strings
 *   rows            every loaded row (an array of JSON values per row, in column order); the
 *                   array grows while chunks load: never keep a copy of its length
 *   loaded, total   rows loaded so far, rows announced by the configuration
 *   complete        true once every chunk was read (or loading failed)
 *   failed          true if a chunk could not be read
 *   filtered        Int32Array of the indexes in `rows` of the rows that pass the filters,
 *                   in the table's sort order (computed on demand, cached)
 *   query           the view's address parameters (no "?"), as described above
 *   display(row, c) the text of a cell, exactly as the table shows it
 *   formatCount(n)  an integer with the locale's digit grouping
 *   point(row)      {lat, lon} of a row following `config.geometry`, or null
 *
 *   addColumns(spec) appends columns published apart (the members' columns, decrypted by
 *                   members.js) and merges their values into the rows; see addColumns()
 *
 * `window.PortailTableKit.mount(options)` mounts a table on other elements (members.js does
 * so for a members-only dataset, whose rows it decrypts). `options`:
 *
 *   config          the same configuration as `#table-config` (locale and strings included)
 *   idPrefix        prefix of the element ids: `<prefix>table-donnees`, `…table-statut`,
 *                   `…table-recherche`, `…table-taille`, `…table-telecharger`,
 *                   `…table-position`; the table needs a <thead> row of th[data-column]
 *                   and a <tbody>, inside an element of class `table-view`
 *   loadChunk(path, index)  a Promise of a chunk's rows (default: fetch `path` as JSON,
 *                   relative to the page)
 *   address         false to leave the page's address alone (default: read and written)
 *   publish         true for the page's own table only: sets `window.PortailTable` and
 *                   dispatches the events below
 *
 * It returns the same interface as `window.PortailTable`, or null without columns.
 *
 * Events, dispatched on `document` (CustomEvent, `detail` given):
 *
 *   portail:rows    a chunk arrived, or loading ended: {loaded, total, complete};
 *                   `filtered` has changed too
 *   portail:filter  the filters or facets changed the filtered set: {count}
 *   portail:state   the view's address changed (filters, facets, sort or page size): {query}
 */
(function () {
  'use strict';

  const TYPING_DELAY = 150;
  const NUMERIC_TYPES = new Set(['integer', 'number', 'year']);
  // Largest double below which Swift prints fixed notation (2^53); see machineNumber().
  const SWIFT_FIXED_LIMIT = 9007199254740992;
  // Address parameters that are not column names (see the comment at the top).
  const RESERVED = new Set(['q', 'sort', 'order', 'size']);
  const MAX_FACET_VALUES = 300;

  // Loaded twice (a page that needs it for two reasons): the first copy does the work.
  if (window.PortailTableKit) return;

  function fetchChunk(path) {
    return fetch(new URL(path, window.location.href)).then((response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  // One table: the dataset page's (`#table-config`, published as window.PortailTable), or
  // one that another script mounts (members.js, for a members-only dataset). See the
  // contract at the top of this file. Returns the table's interface, or null.
  function mount(options) {
    const config = options.config;
    if (!config || typeof config !== 'object') return null;
    // Element ids: the dataset page's ('table-donnees', 'table-statut'…), or the same names
    // after a prefix for a table mounted elsewhere ('adherents-table-donnees'…).
    const idPrefix = typeof options.idPrefix === 'string' ? options.idPrefix : '';
    const byId = (name) => document.getElementById(idPrefix + name);
    // Only the page's own table publishes `window.PortailTable` and dispatches the events.
    const publish = options.publish === true;
    const useAddress = options.address !== false;
    const loadChunk = typeof options.loadChunk === 'function' ? options.loadChunk : fetchChunk;

    const table = byId('table-donnees');
    // Data-only mode (the map embed): no table to enhance, only rows to load and publish.
    const hasTable = Boolean(table && table.tHead && table.tHead.rows[0] && table.tBodies[0]);

    const columns = Array.isArray(config.columns) ? config.columns : [];
    if (columns.length === 0) return null;
    const locale = config.locale || {};
    const strings = config.strings || {};
    const chunkPaths = Array.isArray(config.chunks) ? config.chunks : [];
    const expectedRows = Number(config.rowCount) || 0;
    const groupSeparator = typeof locale.group === 'string' ? locale.group : '';
    const decimalSeparator = typeof locale.decimal === 'string' ? locale.decimal : '.';
    const months = locale.months || [];
    const monthsShort = locale.monthsShort || months;
    const firstDay = typeof locale.firstDay === 'string' ? locale.firstDay : '1';
    const collator = new Intl.Collator(locale.tag || undefined, { sensitivity: 'base', numeric: true });
    const keyColumn = Number.isInteger(config.key) && config.key >= 0 && config.key < columns.length ? config.key : -1;
    const geometry = readGeometry(config.geometry);
    const facetColumns = (Array.isArray(config.facets) ? config.facets : [])
      .filter((c, i, all) => Number.isInteger(c) && c >= 0 && c < columns.length && all.indexOf(c) === i);

    function readGeometry(spec) {
      if (!spec || typeof spec !== 'object') return null;
      const valid = (c) => Number.isInteger(c) && c >= 0 && c < columns.length;
      if (spec.kind === 'point' && valid(spec.column)) return { kind: 'point', column: spec.column };
      if (spec.kind === 'latlon' && valid(spec.latitude) && valid(spec.longitude)) {
        return { kind: 'latlon', latitude: spec.latitude, longitude: spec.longitude };
      }
      return null;
    }

    const section = hasTable ? table.closest('.table-view') || table.parentElement : null;
    const tbody = hasTable ? table.tBodies[0] : null;
    const headerRow = hasTable ? table.tHead.rows[0] : null;
    const controls = section && section.querySelector('.table-controls');
    const pager = section && section.querySelector('.pager');
    const noscriptNote = section && section.querySelector('.table-noscript');
    const statusElement = hasTable ? byId('table-statut') : null;
    const searchInput = hasTable ? byId('table-recherche') : null;
    const sizeSelect = hasTable ? byId('table-taille') : null;
    const downloadButton = hasTable ? byId('table-telecharger') : null;
    const positionElement = hasTable ? byId('table-position') : null;
    const pagerButtons = {};
    if (pager) {
      for (const button of pager.querySelectorAll('button[data-page]')) pagerButtons[button.dataset.page] = button;
    }

    /* ================================================================== Text helpers */

    function fill(template, values) {
      return String(template || '').replace(/\{(\w+)\}/g, (match, key) =>
        Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match);
    }

    // Swift's `String.replacingOccurrences`: every occurrence, in the order the server applies them.
    function replaceAll(text, token, value) {
      return text.split(token).join(value);
    }

    function groupDigits(digits) {
      const length = digits.length;
      if (length <= 3) return digits;
      let head = length % 3 || 3;
      let out = digits.slice(0, head);
      for (let i = head; i < length; i += 3) out += groupSeparator + digits.slice(i, i + 3);
      return out;
    }

    function formatCount(n) {
      return n < 0 ? '-' + groupDigits(String(-n)) : groupDigits(String(n));
    }

    // Accents, case and ligatures do not matter in searches; the spaces that group digits
    // (narrow and ordinary no-break spaces) become plain spaces so that "1 533" typed on a
    // keyboard finds "1 533". Folding runs on every cell of 60,000 rows, so it works one
    // character at a time with a memo instead of normalising whole strings: ASCII (most of
    // the text) is left to toLowerCase, and each other character is folded once per page.
    const foldedCharacters = new Map();
    function foldCharacter(ch) {
      let folded = foldedCharacters.get(ch);
      if (folded === undefined) {
        folded = ch
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/œ/g, 'oe')
          .replace(/æ/g, 'ae')
          .replace(/\s/g, ' ');
        foldedCharacters.set(ch, folded);
      }
      return folded;
    }
    const NON_ASCII = /[^\x00-\x7f]/g;
    function fold(text) {
      return text.toLowerCase().replace(NON_ASCII, foldCharacter);
    }

    /* ================================================================== Value formatting */

    // Swift's MachineFormat.number: integral values below 10^15 print as integers; other
    // values use Swift's `description`, the shortest text that reads back as the same double,
    // in fixed notation for 10^-4 <= |n| <= 2^53 (with ".0" when integral) and otherwise in
    // exponent notation with at least two exponent digits ("1e-05", "1.5e+20"). JavaScript's
    // String(n) agrees on the digits but switches notation at other magnitudes, hence the rules.
    function machineNumber(n) {
      const magnitude = Math.abs(n);
      if (Number.isInteger(n) && magnitude < 1e15) return String(n === 0 ? 0 : n);
      // The common case, where both languages write the same fixed notation.
      if (magnitude >= 1e-4 && magnitude < 1e15) return String(n);
      if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : (n < 0 ? '-inf' : 'inf');
      const exponential = n.toExponential();
      const mark = exponential.indexOf('e');
      const exponent = Number(exponential.slice(mark + 1));
      if (exponent < -4 || Math.abs(n) > SWIFT_FIXED_LIMIT) {
        const digits = String(Math.abs(exponent));
        return exponential.slice(0, mark) + 'e' + (exponent < 0 ? '-' : '+') + (digits.length < 2 ? '0' + digits : digits);
      }
      const fixed = String(n);
      return Number.isInteger(n) ? fixed + '.0' : fixed;
    }

    // Swift writes integer and year values (Int) with all their digits, never in exponent form.
    function integerText(n) {
      if (!Number.isInteger(n)) return machineNumber(n);
      if (Math.abs(n) < 1e21) return String(n === 0 ? 0 : n);
      return typeof BigInt === 'function' ? BigInt(n).toString() : String(n);
    }

    function displayNumber(n) {
      const magnitude = Math.abs(n);
      // Below 1,000 there is nothing to group: the common case of ratios and coordinates.
      if (magnitude >= 1e-4 && magnitude < 1000) {
        const text = String(n);
        return decimalSeparator === '.' ? text : text.replace('.', decimalSeparator);
      }
      const machine = machineNumber(n);
      if (machine.indexOf('e') !== -1) return machine.replace('.', decimalSeparator);
      const negative = machine.charCodeAt(0) === 45; // "-"
      const body = negative ? machine.slice(1) : machine;
      const dot = body.indexOf('.');
      const integerPart = dot === -1 ? body : body.slice(0, dot);
      return (negative ? '-' : '') + groupDigits(integerPart) + (dot === -1 ? '' : decimalSeparator + body.slice(dot + 1));
    }

    function displayInteger(n) {
      if (n > -1000 && n < 1000 && Number.isInteger(n)) return String(n === 0 ? 0 : n);
      if (!Number.isInteger(n)) return displayNumber(n);
      const digits = integerText(Math.abs(n));
      return n < 0 ? '-' + groupDigits(digits) : groupDigits(digits);
    }

    function displayDate(iso) {
      const year = Number(iso.slice(0, iso.length - 6));
      const month = Number(iso.slice(-5, -3));
      const day = Number(iso.slice(-2));
      let text = String(locale.date || '{day} {month_short} {year}');
      text = replaceAll(text, '{day}', day === 1 ? firstDay : String(day));
      text = replaceAll(text, '{month_short}', monthsShort[month - 1] || String(month));
      text = replaceAll(text, '{month}', months[month - 1] || String(month));
      return replaceAll(text, '{year}', String(year));
    }

    // "HH:MM:SS" shows as "HH:MM", with the seconds only when they are not zero.
    function displayClock(hms) {
      const seconds = hms.slice(6, 8);
      return hms.slice(0, 5) + (seconds === '' || seconds === '00' ? '' : ':' + seconds);
    }

    // The wall-clock date and time as written, in the offset the data gives: no conversion to
    // the reader's time zone, as on the server.
    function displayDateTime(iso) {
      const separator = iso.indexOf('T') !== -1 ? iso.indexOf('T') : iso.indexOf(' ');
      const date = displayDate(iso.slice(0, separator));
      const time = displayClock(iso.slice(separator + 1, separator + 9));
      let text = String(locale.datetime || '{date} {time}');
      text = replaceAll(text, '{date}', date);
      return replaceAll(text, '{time}', time);
    }

    function displayYearMonth(text) {
      const dash = text.lastIndexOf('-');
      const year = Number(text.slice(0, dash));
      const month = Number(text.slice(dash + 1));
      let out = String(locale.monthYear || '{month} {year}');
      out = replaceAll(out, '{month}', months[month - 1] || String(month));
      return replaceAll(out, '{year}', String(year));
    }

    // Repeated dates are frequent (a few thousand distinct days in 60,000 rows): memoise them.
    function memoised(format) {
      const cache = new Map();
      return (value) => {
        let text = cache.get(value);
        if (text === undefined) {
          text = format(value);
          cache.set(value, text);
        }
        return text;
      };
    }

    function displayFormatter(type) {
      switch (type) {
        case 'integer': return (v) => typeof v === 'number' ? displayInteger(v) : String(v);
        case 'number': return (v) => typeof v === 'number' ? displayNumber(v) : String(v);
        case 'year': return (v) => String(v);
        case 'boolean': return (v) => v === true ? strings.yes : v === false ? strings.no : String(v);
        case 'date': return memoised((v) => displayDate(String(v)));
        case 'datetime': return memoised((v) => displayDateTime(String(v)));
        case 'time': return memoised((v) => displayClock(String(v)));
        case 'yearmonth': return memoised((v) => displayYearMonth(String(v)));
        case 'geopoint': return (v) => typeof v === 'object'
          ? displayNumber(v.lat) + (strings.coordinate_separator || ', ') + displayNumber(v.lon)
          : String(v);
        // DisplayFormat joins the items of a multi-valued field with ", ", whatever the source's separator.
        case 'list': return (v) => Array.isArray(v) ? v.join(', ') : String(v);
        default: return (v) => typeof v === 'string' ? v : String(v);
      }
    }

    // The server's CSV export (CSVExportSink): machine values, "," as decimal mark for numbers.
    function machineFormatter(column) {
      switch (column.type) {
        case 'number': return (v) => typeof v === 'number' ? machineNumber(v).replace('.', ',') : String(v);
        case 'integer': return (v) => typeof v === 'number' ? integerText(v) : String(v);
        case 'year': return (v) => {
          const digits = typeof v === 'number' ? integerText(v) : String(v);
          return digits.length < 4 ? ('0000' + digits).slice(-4) : digits;
        };
        case 'boolean': return (v) => v === true ? 'true' : v === false ? 'false' : String(v);
        case 'geopoint': return column.geoOrder === 'latlon'
          ? (v) => typeof v === 'object' ? machineNumber(v.lat) + ', ' + machineNumber(v.lon) : String(v)
          : (v) => typeof v === 'object' ? machineNumber(v.lon) + ', ' + machineNumber(v.lat) : String(v);
        case 'list': {
          // MachineFormat.text: the items joined by the source's separator, with a space after
          // "," and ";" ("Iran, Argentine"), and by ", " when the field declares none.
          const separator = typeof column.separator === 'string'
            ? (column.separator === ',' || column.separator === ';' ? column.separator + ' ' : column.separator)
            : ', ';
          return (v) => Array.isArray(v) ? v.join(separator) : String(v);
        }
        default: return (v) => typeof v === 'string' ? v : String(v);
      }
    }

    // `let` and growing arrays: addColumns() appends columns after the configuration's own.
    let columnCount = columns.length;
    const numericColumn = columns.map((column) => NUMERIC_TYPES.has(column.type));
    const listColumn = columns.map((column) => column.type === 'list');
    const displayers = columns.map((column) => displayFormatter(column.type));
    const machines = columns.map(machineFormatter);
    // The class of a column's cells: 'numeric' for numbers, and the class of added columns.
    const cellClasses = numericColumn.map((numeric) => (numeric ? 'numeric' : ''));

    function display(row, c) {
      const value = row[c];
      return value === null || value === undefined ? '' : displayers[c](value);
    }

    /* ================================================================== JSON, as the server writes it */

    // ValueEncoding.jsonString: `"`, `\` and control characters escaped (\n, \r, \t, the others
    // as \u00xx), `<` as \u003c so that JSON in HTML never closes a script, U+2028 and U+2029
    // too; everything else, non-ASCII included, as is.
    const JSON_ESCAPES = /["\\\u0000-\u001f<\u2028\u2029]/g;
    function jsonEscape(ch) {
      switch (ch) {
        case '"': return '\\"';
        case '\\': return '\\\\';
        case '\n': return '\\n';
        case '\r': return '\\r';
        case '\t': return '\\t';
        case '<': return '\\u003c';
        case '\u2028': return '\\u2028';
        case '\u2029': return '\\u2029';
        default: {
          const code = ch.charCodeAt(0);
          return '\\u00' + (code < 16 ? '0' : '') + code.toString(16);
        }
      }
    }

    function jsonString(text) {
      return '"' + text.replace(JSON_ESCAPES, jsonEscape) + '"';
    }

    // ValueEncoding.json: the value as the chunks and the exports hold it.
    function jsonValue(c, value) {
      if (value === null || value === undefined) return 'null';
      switch (typeof value) {
        case 'string': return jsonString(value);
        case 'boolean': return value ? 'true' : 'false';
        case 'number': return columns[c].type === 'number' ? machineNumber(value) : integerText(value);
        default: break;
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + jsonString(String(value[i]));
        return out + ']';
      }
      if (typeof value.lat === 'number' && typeof value.lon === 'number') {
        return '{"lat":' + machineNumber(value.lat) + ',"lon":' + machineNumber(value.lon) + '}';
      }
      return JSON.stringify(value);
    }

    // DCATBuilder.coordinate: six decimals (about 10 cm), rounded half away from zero like
    // Swift's `rounded()`, then the shortest text.
    function coordinate(value) {
      const scaled = value * 1000000;
      const rounded = scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
      return machineNumber(rounded / 1000000);
    }

    /* ================================================================== Geography */

    // The position of a row, following the configuration's geometry; null when it has none.
    function point(row) {
      if (!geometry || !row) return null;
      if (geometry.kind === 'point') {
        const value = row[geometry.column];
        if (value && typeof value === 'object' && typeof value.lat === 'number' && typeof value.lon === 'number') {
          return value;
        }
        return null;
      }
      const lat = row[geometry.latitude];
      const lon = row[geometry.longitude];
      return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
    }

    /* ================================================================== Data and indexes */

    const rows = [];
    let loading = chunkPaths.length > 0;
    let loadFailed = false;

    // Folded text of each row, for the global search. Built in idle slices as chunks arrive,
    // and finished at once if a search needs it earlier.
    const rowText = [];
    let idleHandle = 0;

    function indexRow(r) {
      const row = rows[r];
      // A line break separates cells, and the items of a list: a search word never contains
      // one, so it cannot match across two of them.
      let joined = '';
      for (let c = 0; c < columnCount; c++) {
        if (listColumn[c]) {
          const items = row[c];
          if (Array.isArray(items) && items.length > 0) joined += '\n' + items.join('\n');
          continue;
        }
        const text = display(row, c);
        if (text === '') continue;
        joined += '\n' + text;
        // "10949158" must find "10 949 158" too.
        if (numericColumn[c] && groupSeparator !== '' && text.indexOf(groupSeparator) !== -1) {
          joined += '\n' + text.split(groupSeparator).join('');
        }
      }
      rowText[r] = fold(joined);
    }

    function ensureRowText() {
      for (let r = rowText.length; r < rows.length; r++) indexRow(r);
    }

    const requestIdle = window.requestIdleCallback
      ? (callback) => window.requestIdleCallback(callback, { timeout: 500 })
      : (callback) => window.setTimeout(() => callback(null), 16);

    function scheduleIndexing() {
      // The map embed has no search field: only a search from its address needs the index.
      if (!hasTable || idleHandle || rowText.length >= rows.length) return;
      idleHandle = requestIdle((deadline) => {
        idleHandle = 0;
        const stop = performance.now() + 10;
        let r = rowText.length;
        while (r < rows.length) {
          indexRow(r);
          r += 1;
          // Check the clock every few rows only: reading it is not free either.
          if ((r & 63) === 0 && (deadline && !deadline.didTimeout ? deadline.timeRemaining() < 1 : performance.now() > stop)) break;
        }
        scheduleIndexing();
      });
    }

    // Folded display text per column, built only for columns someone filters on. The items of
    // a list are kept apart by line breaks, so that a filter matches within one item.
    const columnText = [];

    function ensureColumnText(c) {
      let texts = columnText[c];
      if (!texts) texts = columnText[c] = [];
      for (let r = texts.length; r < rows.length; r++) {
        if (listColumn[c]) {
          const items = rows[r][c];
          texts[r] = Array.isArray(items) ? fold(items.join('\n')) : '';
          continue;
        }
        const text = display(rows[r], c);
        texts[r] = numericColumn[c] ? compactNumberText(text) : fold(text);
      }
      return texts;
    }

    // Numeric cells compare without their grouping spaces, so that "1533" and "1 533" both
    // find "1 533"; the other decimal mark is accepted too.
    function compactNumberText(text) {
      let out = text.replace(/\s/g, '');
      if (groupSeparator !== '' && !/^\s+$/.test(groupSeparator)) out = out.split(groupSeparator).join('');
      if (decimalSeparator === ',') out = out.replace(/\./g, ',');
      else if (decimalSeparator === '.') out = out.replace(/,/g, '.');
      return fold(out);
    }

    // Sort orders per column, as row indices. Ranks (equal values share one) make descending
    // order a simple walk, and keep both orders stable.
    const sortCache = [];

    function sortKeyRanks(c) {
      const type = columns[c].type;
      const n = rows.length;
      const keys = new Float64Array(n);
      const present = [];
      const missing = [];
      if (type === 'string' || type === 'list' || type === 'date' || type === 'time' || type === 'yearmonth') {
        // Rank the distinct values once; Intl.Collator is far too slow to run n·log(n) times.
        // A list sorts by its displayed text; an empty list counts as missing.
        const valueOf = type === 'list'
          ? (r) => {
            const text = display(rows[r], c);
            return text === '' ? null : text;
          }
          : (r) => rows[r][c];
        const values = new Array(n);
        const ranks = new Map();
        for (let r = 0; r < n; r++) {
          const value = valueOf(r);
          values[r] = value;
          if (value === null || value === undefined) {
            missing.push(r);
          } else {
            present.push(r);
            ranks.set(value, 0);
          }
        }
        const distinct = Array.from(ranks.keys());
        const compare = type === 'string' || type === 'list'
          ? (a, b) => collator.compare(String(a), String(b))
          : (a, b) => (a < b ? -1 : a > b ? 1 : 0); // ISO 8601 text sorts chronologically
        distinct.sort(compare);
        let rank = 0;
        for (let i = 0; i < distinct.length; i++) {
          if (i > 0 && compare(distinct[i - 1], distinct[i]) !== 0) rank += 1;
          ranks.set(distinct[i], rank);
        }
        for (const r of present) keys[r] = ranks.get(values[r]);
      } else {
        for (let r = 0; r < n; r++) {
          const value = rows[r][c];
          let key = NaN;
          if (value !== null && value !== undefined) {
            if (type === 'boolean') key = value === true ? 1 : 0;
            // Instants, not wall-clock text: two offsets may write the same moment differently.
            else if (type === 'datetime') key = Date.parse(value);
            else if (type === 'geopoint') key = typeof value === 'object' ? Number(value.lat) : NaN;
            else key = typeof value === 'number' ? value : Number(value);
          }
          if (Number.isNaN(key)) {
            missing.push(r);
          } else {
            keys[r] = key;
            present.push(r);
          }
        }
      }
      return { keys, present, missing };
    }

    function sortOrder(c, direction) {
      let entry = sortCache[c];
      if (!entry || entry.size !== rows.length) {
        const { keys, present, missing } = sortKeyRanks(c);
        present.sort((a, b) => keys[a] - keys[b] || a - b);
        const ascending = new Int32Array(rows.length);
        ascending.set(present);
        ascending.set(missing, present.length);
        entry = sortCache[c] = { size: rows.length, keys, presentCount: present.length, ascending, descending: null };
      }
      if (direction === 'ascending') return entry.ascending;
      if (!entry.descending) {
        // Reverse the groups of equal values but keep each group in its original order; the
        // rows without a value stay last.
        const { ascending, keys, presentCount } = entry;
        const descending = new Int32Array(ascending.length);
        let out = 0;
        let end = presentCount;
        while (end > 0) {
          let start = end - 1;
          const key = keys[ascending[start]];
          while (start > 0 && keys[ascending[start - 1]] === key) start -= 1;
          for (let i = start; i < end; i++) descending[out++] = ascending[i];
          end = start;
        }
        descending.set(ascending.subarray(presentCount), presentCount);
        entry.descending = descending;
      }
      return entry.descending;
    }

    /* ================================================================== Facets: values and counts */

    // A facet value is the machine text of the CSV export (its key, also used in the address)
    // shown as the table shows it (its label): "true" shows as "Oui". A list counts per item.
    const facets = facetColumns.map((c) => ({
      column: c,
      counts: new Map(),   // key → rows holding it, among the loaded rows
      labels: new Map(),   // key → label
      counted: 0,          // rows counted so far
      // Interface, when there is a table:
      fieldset: null,
      list: null,
      entries: new Map(),  // key → { item, input, count }
      order: '',           // keys in the order shown, to know when to reorder
    }));

    function facetKey(c, value) {
      return machines[c](value);
    }

    function countFacets() {
      for (const facet of facets) {
        const c = facet.column;
        const { counts, labels } = facet;
        for (let r = facet.counted; r < rows.length; r++) {
          const value = rows[r][c];
          if (value === null || value === undefined) continue;
          if (listColumn[c]) {
            if (!Array.isArray(value)) continue;
            // An item written twice in one row counts once.
            for (let i = 0; i < value.length; i++) {
              const item = String(value[i]);
              if (value.indexOf(value[i]) !== i) continue;
              counts.set(item, (counts.get(item) || 0) + 1);
              if (!labels.has(item)) labels.set(item, item);
            }
          } else {
            const key = facetKey(c, value);
            counts.set(key, (counts.get(key) || 0) + 1);
            if (!labels.has(key)) labels.set(key, displayers[c](value));
          }
        }
        facet.counted = rows.length;
      }
    }

    /* ================================================================== View state */

    const defaultPageSize = Number(sizeSelect && sizeSelect.value) || Number(config.pageSize) || 20;

    const state = {
      searchText: '',      // the global search, as typed
      words: [],           // folded words of the global search
      filterTexts: [],     // per column: the filter as typed
      filters: [],         // per column: null, { text } or { op, value }
      facets: new Map(),   // column → Set of ticked keys
      sortColumn: -1,
      sortDirection: 'none',
      page: 0,
      pageSize: defaultPageSize,
    };

    let view = null;        // row indices shown, in order (all pages); null until computed
    let viewSize = -1;      // rows.length when `view` was computed
    let viewDirty = true;

    function isFiltered() {
      if (state.words.length > 0 || state.filters.some(Boolean)) return true;
      for (const selected of state.facets.values()) if (selected.size > 0) return true;
      return false;
    }

    // "≥ 100", ">=100", "< 2,5", "=5": a comparison. Anything else filters the displayed text.
    const COMPARISON = /^(>=|<=|>|<|=|≥|≤)\s*(.*)$/;
    const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

    function parseFilter(c, raw) {
      const text = raw.trim();
      if (text === '') return null;
      if (numericColumn[c]) {
        const match = COMPARISON.exec(text);
        if (match) {
          const number = match[2].replace(/\s/g, '').replace(',', '.');
          // An operator typed alone, or still incomplete, does not filter anything yet.
          if (!NUMBER.test(number)) return null;
          const op = match[1] === '≥' ? '>=' : match[1] === '≤' ? '<=' : match[1];
          return { op, value: Number(number) };
        }
        return { text: compactNumberText(text) };
      }
      return { text: fold(text) };
    }

    function setSearch(text) {
      state.searchText = text;
      state.words = fold(text).split(/\s+/).filter(Boolean);
    }

    function setFilter(c, text) {
      state.filterTexts[c] = text;
      state.filters[c] = parseFilter(c, text);
    }

    function buildTests() {
      const tests = [];
      // Cheapest first: facets, numeric comparisons, then column texts, then the whole row.
      state.facets.forEach((selected, c) => {
        if (selected.size === 0) return;
        if (listColumn[c]) {
          tests.push((r) => {
            const items = rows[r][c];
            if (!Array.isArray(items)) return false;
            for (let i = 0; i < items.length; i++) if (selected.has(String(items[i]))) return true;
            return false;
          });
        } else if (columns[c].type === 'string') {
          tests.push((r) => selected.has(rows[r][c]));
        } else {
          tests.push((r) => {
            const value = rows[r][c];
            return value !== null && value !== undefined && selected.has(facetKey(c, value));
          });
        }
      });
      state.filters.forEach((filter, c) => {
        if (!filter || !filter.op) return;
        const { op, value } = filter;
        const test = op === '>' ? (v) => v > value
          : op === '>=' ? (v) => v >= value
          : op === '<' ? (v) => v < value
          : op === '<=' ? (v) => v <= value
          : (v) => v === value;
        tests.push((r) => {
          const v = rows[r][c];
          return typeof v === 'number' && test(v);
        });
      });
      state.filters.forEach((filter, c) => {
        if (!filter || filter.op) return;
        const texts = ensureColumnText(c);
        const needle = filter.text;
        tests.push((r) => texts[r].indexOf(needle) !== -1);
      });
      if (state.words.length > 0) {
        ensureRowText();
        const words = state.words;
        tests.push((r) => {
          const text = rowText[r];
          for (let i = 0; i < words.length; i++) {
            if (text.indexOf(words[i]) === -1) return false;
          }
          return true;
        });
      }
      return tests;
    }

    function computeView() {
      if (!viewDirty && viewSize === rows.length && view) return view;
      const n = rows.length;
      const order = state.sortColumn >= 0 ? sortOrder(state.sortColumn, state.sortDirection) : null;
      const tests = buildTests();
      if (tests.length === 0) {
        if (order) {
          view = order;
        } else {
          view = new Int32Array(n);
          for (let i = 0; i < n; i++) view[i] = i;
        }
      } else {
        const kept = new Int32Array(n);
        let count = 0;
        const testCount = tests.length;
        for (let i = 0; i < n; i++) {
          const r = order ? order[i] : i;
          let ok = true;
          for (let t = 0; t < testCount; t++) {
            if (!tests[t](r)) {
              ok = false;
              break;
            }
          }
          if (ok) kept[count++] = r;
        }
        view = kept.subarray(0, count);
      }
      viewSize = n;
      viewDirty = false;
      return view;
    }

    /* ================================================================== Address */

    const columnByName = new Map(columns.map((column, c) => [String(column.name), c]));

    function filterParameter(c) {
      const name = String(columns[c].name);
      return RESERVED.has(name) || name.indexOf('.') !== -1 ? 'filter.' + name : name;
    }

    function isOwnParameter(key) {
      return RESERVED.has(key) || key.indexOf('facet.') === 0 || key.indexOf('filter.') === 0 || columnByName.has(key);
    }

    // Line breaks cannot be typed in the fields: a value from a link must not hold any either.
    function oneLine(text) {
      return String(text).replace(/[\r\n]+/g, ' ');
    }

    // `from`: the first column to read, when columns were added (their filters and their sort
    // only); returns true when the address changed the view.
    function readAddress(from) {
      const start = from > 0 ? from : 0;
      let params;
      try {
        params = new URLSearchParams(window.location.search);
      } catch (error) {
        return false;
      }
      let changed = false;
      if (start === 0 && params.has('q')) setSearch(oneLine(params.get('q')));
      for (let c = start; c < columnCount; c++) {
        const name = String(columns[c].name);
        let text = params.get('filter.' + name);
        if (text === null && !RESERVED.has(name)) text = params.get(name);
        if (text !== null) {
          setFilter(c, oneLine(text));
          changed = true;
        }
      }
      const sort = params.get('sort');
      if (sort !== null && columnByName.has(sort) && columnByName.get(sort) >= start) {
        state.sortColumn = columnByName.get(sort);
        state.sortDirection = params.get('order') === 'desc' ? 'descending' : 'ascending';
        changed = true;
      }
      if (start > 0) return changed;
      for (const facet of facets) {
        const values = params.getAll('facet.' + columns[facet.column].name).filter((value) => value !== '');
        if (values.length > 0) state.facets.set(facet.column, new Set(values));
      }
      const size = Number(params.get('size'));
      if (Number.isInteger(size) && size > 0) {
        // Only the sizes the page offers: a link cannot make the page render 60,000 rows at once.
        const offered = sizeSelect ? Array.from(sizeSelect.options, (option) => Number(option.value)) : [size];
        if (offered.indexOf(size) !== -1) state.pageSize = size;
      }
      return changed;
    }

    // The view's own parameters, in a stable order.
    function viewParameters() {
      const params = new URLSearchParams();
      if (state.searchText.trim() !== '') params.append('q', state.searchText.trim());
      for (let c = 0; c < columnCount; c++) {
        const text = state.filterTexts[c];
        if (typeof text === 'string' && text.trim() !== '') params.append(filterParameter(c), text.trim());
      }
      for (const facet of facets) {
        const selected = state.facets.get(facet.column);
        if (!selected) continue;
        for (const key of selected) params.append('facet.' + columns[facet.column].name, key);
      }
      if (state.sortColumn >= 0 && state.sortDirection !== 'none') {
        params.append('sort', String(columns[state.sortColumn].name));
        params.append('order', state.sortDirection === 'descending' ? 'desc' : 'asc');
      }
      if (state.pageSize !== defaultPageSize) params.append('size', String(state.pageSize));
      return params;
    }

    function viewQuery() {
      return viewParameters().toString();
    }

    function writeAddress() {
      const query = viewQuery();
      if (useAddress && window.history && typeof window.history.replaceState === 'function') {
        try {
          const url = new URL(window.location.href);
          const kept = [];
          url.searchParams.forEach((value, key) => {
            if (!isOwnParameter(key)) kept.push([key, value]);
          });
          const params = new URLSearchParams(kept);
          new URLSearchParams(query).forEach((value, key) => params.append(key, value));
          const search = params.toString();
          const next = url.pathname + (search ? '?' + search : '') + url.hash;
          if (next !== window.location.pathname + window.location.search + window.location.hash) {
            window.history.replaceState(window.history.state, '', next);
          }
        } catch (error) {
          // A sandboxed frame may refuse to change its address; the view still works.
        }
      }
      emit('portail:state', { query });
    }

    /* ================================================================== Publishing */

    function emit(name, detail) {
      if (!publish) return;
      let event;
      try {
        event = new CustomEvent(name, { detail });
      } catch (error) {
        event = document.createEvent('CustomEvent');
        event.initCustomEvent(name, false, false, detail);
      }
      document.dispatchEvent(event);
    }

    const EMPTY = new Int32Array(0);

    const api = Object.freeze({
      columns,
      config,
      strings,
      rows,
      get loaded() { return rows.length; },
      total: expectedRows,
      get complete() { return !loading; },
      get failed() { return loadFailed; },
      get filtered() { return rows.length > 0 ? computeView() : EMPTY; },
      get query() { return viewQuery(); },
      display(row, c) { return row ? display(row, c) : ''; },
      formatCount,
      point,
      addColumns,
    });
    if (publish) window.PortailTable = api;

    function announceRows() {
      emit('portail:rows', { loaded: rows.length, total: expectedRows, complete: !loading });
    }

    /* ================================================================== Rendering */

    let renderedKey = '';
    const scrollRegion = hasTable ? table.closest('.table-scroll') : null;

    // `fromUser`: a new page, sort or filter shows new rows from their top; rows that arrive
    // with a chunk must not move the reader.
    function render(fromUser) {
      if (!hasTable) return;
      updateFacets();
      if (rows.length === 0) {
        // Nothing loaded yet: the server's preview stays in place.
        updatePager(0, 0);
        updateStatus(0, 0, 0);
        return;
      }
      const shown = computeView();
      const count = shown.length;
      const pages = Math.max(1, Math.ceil(count / state.pageSize));
      if (state.page > pages - 1) state.page = pages - 1;
      if (state.page < 0) state.page = 0;
      const start = state.page * state.pageSize;
      const end = Math.min(start + state.pageSize, count);

      // Rebuilding identical rows would flicker and lose a text selection for nothing; this
      // happens each time a chunk arrives while the reader looks at the first page.
      const key = Array.prototype.join.call(shown.subarray(start, end), ',');
      if (key !== renderedKey) {
        renderedKey = key;
        const fragment = document.createDocumentFragment();
        for (let i = start; i < end; i++) {
          const row = rows[shown[i]];
          const tr = document.createElement('tr');
          for (let c = 0; c < columnCount; c++) {
            const td = document.createElement('td');
            if (cellClasses[c]) td.className = cellClasses[c];
            const text = display(row, c);
            if (text !== '') td.textContent = text;
            tr.appendChild(td);
          }
          fragment.appendChild(tr);
        }
        tbody.textContent = '';
        tbody.appendChild(fragment);
        if (fromUser === true && scrollRegion && scrollRegion.scrollTop !== 0) scrollRegion.scrollTop = 0;
      }
      updatePager(count, pages);
      updateStatus(count, start, end);
    }

    function updateStatus(count, start, end) {
      // An empty table keeps the server's status: there is nothing to count or page through.
      if (!statusElement || (rows.length === 0 && !loading && !loadFailed)) return;
      let text;
      if (loading && !loadFailed) {
        text = fill(strings.table_loading, { loaded: formatCount(rows.length), total: formatCount(expectedRows) });
      } else if (count === 0) {
        text = rows.length === 0 ? '' : strings.table_status_empty || '';
      } else if (isFiltered()) {
        text = fill(strings.table_status_filtered, {
          from: formatCount(start + 1), to: formatCount(end), count: formatCount(count), total: formatCount(rows.length),
        });
      } else {
        text = fill(strings.table_status, { from: formatCount(start + 1), to: formatCount(end), count: formatCount(count) });
      }
      if (loadFailed) text = (strings.table_load_error || '') + (text ? ' ' + text : '');
      // The region is live: only real changes should be spoken.
      if (statusElement.textContent !== text) statusElement.textContent = text;
    }

    function updatePager(count, pages) {
      const page = state.page;
      const hasRows = count > 0;
      setDisabled('first', !hasRows || page === 0);
      setDisabled('previous', !hasRows || page === 0);
      setDisabled('next', !hasRows || page >= pages - 1);
      setDisabled('last', !hasRows || page >= pages - 1);
      if (positionElement) {
        const text = hasRows ? fill(strings.table_page_position, { page: formatCount(page + 1), pages: formatCount(pages) }) : '';
        if (positionElement.textContent !== text) positionElement.textContent = text;
      }
    }

    // A disabled button cannot keep the focus; hand it to its enabled counterpart so that a
    // keyboard user who reached the last page is not thrown back to the top of the document.
    const COUNTERPART = { first: 'next', previous: 'next', next: 'previous', last: 'previous' };
    function setDisabled(name, disabled) {
      const button = pagerButtons[name];
      if (!button || button.disabled === disabled) return;
      const hadFocus = document.activeElement === button;
      button.disabled = disabled;
      if (hadFocus && disabled) {
        const other = pagerButtons[COUNTERPART[name]];
        if (other && !other.disabled) other.focus();
      }
    }

    /* ================================================================== Facets: interface */

    let facetsBox = null;
    let facetSerial = 0;
    let facetsShown = '';    // rows counted and selection shown, to skip work on page changes
    let facetsVersion = 0;   // bumped when the ticked values change

    function buildFacets() {
      if (facets.length === 0 || !section) return;
      facetsBox = document.createElement('details');
      facetsBox.className = 'table-facets';
      const summary = document.createElement('summary');
      summary.textContent = strings.table_facets || '';
      const groups = document.createElement('div');
      groups.className = 'table-facets__groups';
      for (const facet of facets) {
        const fieldset = document.createElement('fieldset');
        fieldset.className = 'facet';
        const legend = document.createElement('legend');
        legend.textContent = columns[facet.column].title;
        const list = document.createElement('ul');
        fieldset.append(legend, list);
        groups.appendChild(fieldset);
        facet.fieldset = fieldset;
        facet.list = list;
      }
      facetsBox.append(summary, groups);
      // Open where there is room, and wherever a facet is already ticked; on a phone or in an
      // embed the values would push the table a screen down.
      const roomy = !document.body.classList.contains('embed') && window.matchMedia
        && window.matchMedia('(min-width: 48em)').matches;
      facetsBox.open = Boolean(roomy) || Array.from(state.facets.values()).some((selected) => selected.size > 0);
      const anchor = statusElement && statusElement.parentNode === section ? statusElement : (controls ? controls.nextSibling : null);
      section.insertBefore(facetsBox, anchor);
      facetsBox.addEventListener('change', onFacetChange);
    }

    function facetEntry(facet, key) {
      let entry = facet.entries.get(key);
      if (entry) return entry;
      facetSerial += 1;
      const id = idPrefix + 'facette-' + facet.column + '-' + facetSerial;
      const item = document.createElement('li');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.id = id;
      input.value = key;
      input.dataset.column = String(facet.column);
      const label = document.createElement('label');
      label.htmlFor = id;
      const count = document.createElement('span');
      count.className = 'count';
      label.append(document.createTextNode(facet.labels.get(key) || key), ' ', count);
      item.append(input, label);
      entry = { item, input, count };
      facet.entries.set(key, entry);
      return entry;
    }

    function updateFacets() {
      if (!facetsBox) return;
      const shown = rows.length + '/' + facetsVersion;
      if (shown === facetsShown) return;
      facetsShown = shown;
      countFacets();
      for (const facet of facets) {
        const selected = state.facets.get(facet.column);
        // Ticked values stay listed even before (or without) a row holding them, so that a
        // value from a link can be unticked.
        let keys = new Set(facet.counts.keys());
        // A facet is for a handful of values; should a column hold thousands, the most frequent
        // ones are listed, so that the page does not build thousands of checkboxes.
        if (keys.size > MAX_FACET_VALUES) {
          keys = new Set(Array.from(facet.counts.entries())
            .sort((a, b) => b[1] - a[1])
            .slice(0, MAX_FACET_VALUES)
            .map((entry) => entry[0]));
        }
        if (selected) for (const key of selected) keys.add(key);
        const labelOf = (key) => facet.labels.get(key) || key;
        const sorted = Array.from(keys).sort((a, b) => collator.compare(labelOf(a), labelOf(b)) || (a < b ? -1 : a > b ? 1 : 0));
        for (const key of sorted) {
          const entry = facetEntry(facet, key);
          const text = '(' + formatCount(facet.counts.get(key) || 0) + ')';
          if (entry.count.textContent !== text) entry.count.textContent = text;
          const checked = Boolean(selected && selected.has(key));
          if (entry.input.checked !== checked) entry.input.checked = checked;
        }
        const order = sorted.join('\u0000');
        if (order !== facet.order) {
          facet.order = order;
          // Moving the focused box would drop the focus: give it back afterwards.
          const focused = document.activeElement;
          const fragment = document.createDocumentFragment();
          for (const key of sorted) fragment.appendChild(facet.entries.get(key).item);
          for (const [key, entry] of facet.entries) if (!keys.has(key)) entry.item.remove();
          facet.list.appendChild(fragment);
          if (focused && focused !== document.activeElement && facet.list.contains(focused)) focused.focus();
        }
      }
    }

    function onFacetChange(event) {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'checkbox' || !input.dataset.column) return;
      const c = Number(input.dataset.column);
      let selected = state.facets.get(c);
      if (!selected) {
        selected = new Set();
        state.facets.set(c, selected);
      }
      if (input.checked) selected.add(input.value);
      else selected.delete(input.value);
      if (selected.size === 0) state.facets.delete(c);
      facetsVersion += 1;
      applyFilters();
    }

    /* ================================================================== Enhancing the markup */

    const headerCells = hasTable ? Array.from(headerRow.querySelectorAll('th[data-column]')) : [];
    const filterInputs = [];
    let filterRow = null;
    let geojsonButton = null;

    // The full hint ("Nombre, ou comparaison : >100, <=20") is the fields' title; a narrow
    // field only has room for its examples, after the colon, as a placeholder.
    const numericHint = strings.table_filter_hint_numeric || '';
    const numericExample = (() => {
      const colon = numericHint.lastIndexOf(':');
      const tail = colon === -1 ? '' : numericHint.slice(colon + 1).trim();
      return /[<>=]/.test(tail) ? tail : numericHint;
    })();

    // `badge`: the text of a badge shown under the title (added columns), also read after it.
    function makeSortable(th, c, badge) {
      const column = columns[c];
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.dataset.column = String(c);
      button.setAttribute('aria-label', fill(strings.table_sort_by, { column: column.title }) + (badge ? ' (' + badge + ')' : ''));
      const label = document.createElement('span');
      label.textContent = column.title;
      const icon = document.createElement('span');
      icon.className = 'sort-icon';
      icon.setAttribute('aria-hidden', 'true');
      if (badge) {
        const mark = document.createElement('span');
        mark.className = 'badge badge--members';
        mark.textContent = badge;
        label.append(' ', mark);
      }
      button.append(label, icon);
      th.textContent = '';
      th.appendChild(button);
      th.classList.add('sortable');
    }

    function filterCell(c) {
      const column = columns[c];
      const td = document.createElement('td');
      if (cellClasses[c]) td.className = cellClasses[c];
      const input = document.createElement('input');
      input.type = 'search';
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.dataset.column = String(c);
      input.setAttribute('aria-label', fill(strings.table_filter_column, { column: column.title }));
      if (numericColumn[c] && numericHint) {
        input.title = numericHint;
        input.placeholder = numericExample;
      }
      td.appendChild(input);
      filterInputs[c] = input;
      return td;
    }

    function enhance() {
      enhanced = true;
      for (const th of headerCells) {
        const c = Number(th.dataset.column);
        if (!columns[c]) continue;
        makeSortable(th, c, '');
      }

      filterRow = document.createElement('tr');
      filterRow.className = 'table-filters';
      columns.forEach((column, c) => {
        filterRow.appendChild(filterCell(c));
      });
      table.tHead.appendChild(filterRow);

      // The GeoJSON of the selection, next to its CSV: the same button, in the page's language.
      if (geometry && downloadButton) {
        geojsonButton = downloadButton.cloneNode(true);
        geojsonButton.id = idPrefix + 'table-telecharger-geojson';
        geojsonButton.textContent = downloadButton.textContent.replace('CSV', 'GeoJSON');
        downloadButton.classList.add('table-download');
        geojsonButton.classList.add('table-download');
        downloadButton.after(geojsonButton);
      }

      buildFacets();

      if (controls) controls.hidden = false;
      if (pager) pager.hidden = false;
      if (noscriptNote) noscriptNote.hidden = true;
    }

    // The controls show the state read from the address.
    function showState() {
      if (searchInput) searchInput.value = state.searchText;
      filterInputs.forEach((input, c) => {
        if (input) input.value = state.filterTexts[c] || '';
      });
      if (sizeSelect) sizeSelect.value = String(state.pageSize);
      updateSortHeaders();
    }

    // If not even the first chunk could be read, go back to the page as the server wrote it:
    // its preview and its note pointing to the downloads.
    function restoreStaticTable() {
      for (const th of headerCells) {
        const column = columns[Number(th.dataset.column)];
        if (!column) continue;
        th.classList.remove('sortable');
        th.removeAttribute('aria-sort');
        th.textContent = column.title;
      }
      for (const th of addedHeaderCells) th.remove();
      if (filterRow) filterRow.remove();
      if (facetsBox) facetsBox.remove();
      facetsBox = null;
      if (geojsonButton) geojsonButton.remove();
      if (controls) controls.hidden = true;
      if (pager) pager.hidden = true;
      if (noscriptNote) noscriptNote.hidden = false;
    }

    function updateSortHeaders() {
      for (const th of headerCells) {
        const c = Number(th.dataset.column);
        if (c === state.sortColumn && state.sortDirection !== 'none') th.setAttribute('aria-sort', state.sortDirection);
        else th.removeAttribute('aria-sort');
      }
    }

    /* ================================================================== Events */

    // The filters or facets changed: new rows from the first page, a new address, and the news
    // for the map.
    function applyFilters() {
      state.page = 0;
      viewDirty = true;
      render(true);
      writeAddress();
      emit('portail:filter', { count: rows.length > 0 ? computeView().length : 0 });
    }

    function refilter() {
      if (searchInput) setSearch(searchInput.value);
      filterInputs.forEach((input, c) => {
        if (input) setFilter(c, input.value);
      });
      applyFilters();
    }

    let typingTimer = 0;
    function refilterSoon() {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(refilter, TYPING_DELAY);
    }

    function onSortClick(event) {
      const button = event.target.closest('button.sort-button');
      if (!button) return;
      const c = Number(button.dataset.column);
      // ascending → descending → the file's order.
      if (state.sortColumn !== c) {
        state.sortColumn = c;
        state.sortDirection = 'ascending';
      } else if (state.sortDirection === 'ascending') {
        state.sortDirection = 'descending';
      } else {
        state.sortColumn = -1;
        state.sortDirection = 'none';
      }
      updateSortHeaders();
      state.page = 0;
      viewDirty = true;
      render(true);
      writeAddress();
    }

    function onPagerClick(event) {
      const button = event.target.closest('button[data-page]');
      if (!button || button.disabled) return;
      const count = computeView().length;
      const pages = Math.max(1, Math.ceil(count / state.pageSize));
      switch (button.dataset.page) {
        case 'first': state.page = 0; break;
        case 'previous': state.page = Math.max(0, state.page - 1); break;
        case 'next': state.page = Math.min(pages - 1, state.page + 1); break;
        case 'last': state.page = pages - 1; break;
        default: return;
      }
      render(true);
    }

    function onSizeChange() {
      const size = Number(sizeSelect.value);
      if (!(size > 0)) return;
      // Keep the first row on screen in view: it is what the reader was looking at.
      const first = state.page * state.pageSize;
      state.pageSize = size;
      state.page = Math.floor(first / size);
      render(true);
      writeAddress();
    }

    /* ================================================================== Added columns */

    // Columns published apart from the configuration (the members' columns, which members.js
    // decrypts): appended after the others, their values merged into every row, now and as
    // chunks arrive. They sort, filter, search and export like the others. `spec`:
    //
    //   columns     [{name, title, type, separator?…}], as in the configuration
    //   key         the name of the column whose machine text (as in the CSV export) finds a
    //               row's values; null finds them by position in the file ("1" for the first row)
    //   values(k)   the values for key text k, in the order of `columns`, or null
    //   className   the class of their header and cells
    //   badge       a short text shown with their titles, and read after them
    //
    // The address's filters and sort on them apply at once. Returns the number of columns added.
    const extenders = [];
    const addedHeaderCells = [];
    let enhanced = false;

    function addColumns(spec) {
      if (!spec || typeof spec.values !== 'function') return 0;
      const added = (Array.isArray(spec.columns) ? spec.columns : []).filter((column, i, all) =>
        column && typeof column === 'object' && typeof column.name === 'string' && !columnByName.has(column.name)
        && all.findIndex((other) => other && other.name === column.name) === i);
      if (added.length === 0) return 0;
      let keyIndex = -1;
      if (spec.key !== null && spec.key !== undefined) {
        if (!columnByName.has(String(spec.key))) return 0;
        keyIndex = columnByName.get(String(spec.key));
      }
      const first = columns.length;
      const width = added.length;
      const lookup = spec.values;
      const keyText = keyIndex >= 0 ? machines[keyIndex] : null;
      const extend = (from) => {
        for (let r = from; r < rows.length; r++) {
          const row = rows[r];
          let values = null;
          if (keyIndex < 0) {
            values = lookup(String(r + 1));
          } else if (row[keyIndex] !== null && row[keyIndex] !== undefined) {
            values = lookup(keyText(row[keyIndex]));
          }
          for (let i = 0; i < width; i++) {
            const value = Array.isArray(values) ? values[i] : null;
            row[first + i] = value === undefined ? null : value;
          }
        }
      };

      const className = typeof spec.className === 'string' ? spec.className.trim() : '';
      for (const column of added) {
        const c = columns.length;
        columns.push(column);
        numericColumn.push(NUMERIC_TYPES.has(column.type));
        listColumn.push(column.type === 'list');
        displayers.push(displayFormatter(column.type));
        machines.push(machineFormatter(column));
        quotable.push(column.type === 'string' || column.type === 'list');
        cellClasses.push([numericColumn[c] ? 'numeric' : '', className].filter(Boolean).join(' '));
        columnByName.set(String(column.name), c);
      }
      columnCount = columns.length;
      extend(0);
      extenders.push(extend);
      // The search index holds the text of whole rows: build it again, in idle slices.
      rowText.length = 0;
      scheduleIndexing();

      if (hasTable) {
        const badge = typeof spec.badge === 'string' ? spec.badge : '';
        for (let c = first; c < columnCount; c++) {
          const th = document.createElement('th');
          th.scope = 'col';
          if (cellClasses[c]) th.className = cellClasses[c];
          th.dataset.column = String(c);
          if (enhanced) {
            makeSortable(th, c, badge);
            if (filterRow) filterRow.appendChild(filterCell(c));
          } else {
            th.textContent = columns[c].title;
          }
          headerRow.appendChild(th);
          headerCells.push(th);
          addedHeaderCells.push(th);
        }
        // The server's preview, still shown until the first chunk arrives, gets empty cells.
        if (rows.length === 0) {
          for (const tr of tbody.rows) {
            for (let c = tr.cells.length; c < columnCount; c++) {
              const td = document.createElement('td');
              if (cellClasses[c]) td.className = cellClasses[c];
              tr.appendChild(td);
            }
          }
        }
      }

      const fromAddress = useAddress && readAddress(first);
      if (enhanced) showState();
      viewDirty = true;
      renderedKey = '';
      render();
      if (fromAddress) emit('portail:filter', { count: rows.length > 0 ? computeView().length : 0 });
      return width;
    }

    /* ================================================================== Downloads */

    function csvField(text) {
      return /[;"\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }

    // Only texts can hold a separator, a quote or a line break: other types skip the test.
    const quotable = columns.map((column) => column.type === 'string' || column.type === 'list');

    // The CSV as Blob parts of a few thousand lines: one giant string of 60,000 rows would
    // cost a copy per concatenation and twice the memory once the byte-order mark makes it
    // a two-byte string.
    const BLOCK = 2000;

    function buildCsv(indices) {
      // A byte-order mark so that Excel reads UTF-8; CRLF after every line, as RFC 4180 wants.
      const parts = ['\ufeff' + columns.map((column) => csvField(String(column.name))).join(';') + '\r\n'];
      for (let from = 0; from < indices.length; from += BLOCK) {
        const to = Math.min(from + BLOCK, indices.length);
        const lines = new Array(to - from);
        for (let i = from; i < to; i++) {
          const row = rows[indices[i]];
          let line = '';
          for (let c = 0; c < columnCount; c++) {
            if (c > 0) line += ';';
            const value = row[c];
            if (value === null || value === undefined) continue;
            const text = machines[c](value);
            line += quotable[c] ? csvField(text) : text;
          }
          lines[i - from] = line;
        }
        parts.push(lines.join('\r\n') + '\r\n');
      }
      return parts;
    }

    // GeoJSONExportSink: one Feature per line, `id` from the key when it has a value, the
    // position as [longitude, latitude] or a null geometry, every column as a property.
    function buildGeoJson(indices) {
      const propertyKeys = columns.map((column) => jsonString(String(column.name)) + ':');
      const parts = ['{"type":"FeatureCollection","features":['];
      for (let from = 0; from < indices.length; from += BLOCK) {
        const to = Math.min(from + BLOCK, indices.length);
        let text = '';
        for (let i = from; i < to; i++) {
          const row = rows[indices[i]];
          text += i === 0 ? '\n{"type":"Feature",' : ',\n{"type":"Feature",';
          if (keyColumn >= 0 && row[keyColumn] !== null && row[keyColumn] !== undefined) {
            text += '"id":' + jsonValue(keyColumn, row[keyColumn]) + ',';
          }
          const position = point(row);
          text += position
            ? '"geometry":{"type":"Point","coordinates":[' + coordinate(position.lon) + ',' + coordinate(position.lat) + ']},'
            : '"geometry":null,';
          text += '"properties":{';
          for (let c = 0; c < columnCount; c++) {
            if (c > 0) text += ',';
            text += propertyKeys[c] + jsonValue(c, row[c]);
          }
          text += '}}';
        }
        parts.push(text);
      }
      parts.push(indices.length === 0 ? ']}\n' : '\n]}\n');
      return parts;
    }

    function save(parts, type, name) {
      const blob = new Blob(parts, { type });
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

    function download() {
      const indices = rows.length > 0 ? computeView() : EMPTY;
      save(buildCsv(indices), 'text/csv;charset=utf-8', config.csvName || 'selection.csv');
    }

    function downloadGeoJson() {
      const indices = rows.length > 0 ? computeView() : EMPTY;
      save(buildGeoJson(indices), 'application/geo+json', config.geojsonName || 'selection.geojson');
    }

    /* ================================================================== Loading */

    async function loadChunks() {
      for (let index = 0; index < chunkPaths.length; index++) {
        const path = chunkPaths[index];
        let data;
        try {
          data = await loadChunk(path, index);
          if (!Array.isArray(data)) throw new Error('not an array');
        } catch (error) {
          loadFailed = true;
          break;
        }
        const first = rows.length;
        for (let i = 0; i < data.length; i++) rows.push(data[i]);
        for (const extend of extenders) extend(first);
        viewDirty = true;
        scheduleIndexing();
        if (index < chunkPaths.length - 1) {
          render();
          announceRows();
        }
      }
      loading = false;
      viewDirty = true;
      if (hasTable && loadFailed && rows.length === 0) {
        restoreStaticTable();
        if (statusElement) statusElement.textContent = strings.table_load_error || '';
        announceRows();
        return;
      }
      render();
      announceRows();
    }

    if (useAddress) readAddress(0);

    // An empty table has nothing to sort, filter or page: the server's page says it all. The
    // map still hears that there is nothing to show.
    if (chunkPaths.length === 0) {
      announceRows();
      return api;
    }

    if (hasTable) {
      enhance();
      showState();
      table.tHead.addEventListener('click', onSortClick);
      if (filterRow) filterRow.addEventListener('input', refilterSoon);
      if (searchInput) searchInput.addEventListener('input', refilterSoon);
      if (sizeSelect) sizeSelect.addEventListener('change', onSizeChange);
      if (pager) pager.addEventListener('click', onPagerClick);
      if (downloadButton) downloadButton.addEventListener('click', download);
      if (geojsonButton) geojsonButton.addEventListener('click', downloadGeoJson);
      render();
    }
    loadChunks();
    return api;
  }

  window.PortailTableKit = Object.freeze({ mount });

  const configElement = document.getElementById('table-config');
  if (!configElement) return;

  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch (error) {
    // Without a readable configuration the server's preview stays, which is still useful.
    return;
  }
  if (!config || typeof config !== 'object') return;
  mount({ config, publish: true });
})();
