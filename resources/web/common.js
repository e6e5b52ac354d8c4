// Lectern web pages, the part the phone page (app.js) and the moderator page (moderator.js) share: storage, the
// string catalogs and the language choice, the WebSocket with its ping and backoff, the agenda message, and small
// rendering helpers.
// Protocol: app/core/server/PROTOCOL.md (version 1). Everything that comes from the network or the audience goes
// into the page as text (textContent), never as HTML.

export const PROTOCOL_VERSION = 1;
const PING_INTERVAL_MS = 25_000;
/** No message at all within this time of a ping: the connection is dead even if the socket has not noticed. */
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** The largest request id (PROTOCOL.md). */
const MAX_REQUEST_ID = 2_147_483_647;
/** The longest material address a page shows as a link (the event file allows 2000 characters). */
const MAX_URL_LENGTH = 2000;
/** A planned or actual time of the agenda: the laptop's local time as HH:MM. */
const AGENDA_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANGUAGES = ['en', 'ja'];
const LANGUAGE_KEY = 'lectern.language';

const CONNECTION_TEXT_KEYS = {
  connecting: 'conn.connecting',
  open: 'conn.connected',
  retrying: 'conn.reconnecting',
  offline: 'conn.offline',
};

export const element = (id) => document.getElementById(id);

// Storage that keeps working (for this visit) where localStorage is switched off or full.
export const storage = {
  memory: new Map(),
  get(key) {
    try {
      const value = window.localStorage.getItem(key);
      if (value !== null) return value;
    } catch {
      // Storage is switched off: fall back to memory.
    }
    return this.memory.has(key) ? this.memory.get(key) : null;
  },
  set(key, value) {
    this.memory.set(key, value);
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Kept in memory for this visit only.
    }
  },
  remove(key) {
    this.memory.delete(key);
    try {
      window.localStorage.removeItem(key);
    } catch {
      // Nothing stored.
    }
  },
};

// ---- Strings ----------------------------------------------------------------------------------------------

export const i18n = {
  language: 'en',
  catalogs: new Map(),
  plural: new Intl.PluralRules('en'),
  numbers: new Intl.NumberFormat('en'),
  time: new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }),
};

async function loadCatalog(language) {
  if (i18n.catalogs.has(language)) return i18n.catalogs.get(language);
  const response = await fetch(`/static/i18n/${language}.json`);
  if (!response.ok) throw new Error(`catalog ${language}: HTTP ${response.status}`);
  const catalog = await response.json();
  i18n.catalogs.set(language, catalog);
  return catalog;
}

/** The text for key in the current language ({name} replaced from params), English when it is missing. */
export function t(key, params = {}) {
  const text = i18n.catalogs.get(i18n.language)?.[key] ?? i18n.catalogs.get('en')?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** t() of `key.one` or `key.other` by the count n, which is also {n} (formatted for the language). */
export function tn(key, n, params = {}) {
  const form = i18n.plural.select(n) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, { ...params, n: i18n.numbers.format(n) });
}

/** The catalog key for an error code of the protocol or of a page; an unknown code gets general words. */
export function errorKey(code) {
  const key = `error.${code}`;
  return i18n.catalogs.get('en')?.[key] === undefined ? 'error.unknown' : key;
}

export function errorText(code) {
  return t(errorKey(code));
}

export function preferredLanguage() {
  const chosen = storage.get(LANGUAGE_KEY);
  if (LANGUAGES.includes(chosen)) return chosen;
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  for (const tag of tags) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/**
 * Loads the catalog of language and puts its words into the page's data-i18n elements and language buttons.
 * False, with nothing changed, when that catalog cannot be loaded; the page then renders nothing new.
 */
export async function applyLanguage(language, remember) {
  try {
    await loadCatalog('en');
    await loadCatalog(language);
  } catch (error) {
    console.warn('Lectern: string catalog not loaded', error);
    if (!i18n.catalogs.has(language)) return false;
  }
  i18n.language = language;
  i18n.plural = new Intl.PluralRules(language);
  i18n.numbers = new Intl.NumberFormat(language);
  i18n.time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  if (remember) storage.set(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-aria-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const button of document.querySelectorAll('.language'))
    button.setAttribute('aria-pressed', String(button.dataset.lang === language));
  return true;
}

// ---- Connection -------------------------------------------------------------------------------------------
// The functions below work on a page's connection state `link`: socket, serial (the socket whose events count),
// connection (idle | connecting | open | retrying), attempts, retryTimer, retryAction, pingTimer, pongTimer and
// nextRequestId.

function socketAddress() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws`;
}

/**
 * Opens a new socket to /ws; only its events reach the handlers (onOpen(), onMessage(data), onClosed(code)), none
 * after closeSocket() or the next openSocket(). False when the browser refuses to open one.
 */
export function openSocket(link, handlers) {
  const serial = ++link.serial;
  let socket;
  try {
    socket = new WebSocket(socketAddress());
  } catch {
    return false;
  }
  link.socket = socket;
  socket.addEventListener('open', () => {
    if (serial === link.serial) handlers.onOpen();
  });
  socket.addEventListener('message', (event) => {
    if (serial === link.serial) handlers.onMessage(event.data);
  });
  socket.addEventListener('close', (event) => {
    if (serial === link.serial) handlers.onClosed(event.code);
  });
  return true;
}

/** Forgets the current socket (its late events are ignored), stops the ping and closes it. */
export function closeSocket(link) {
  const socket = link.socket;
  link.socket = null;
  link.serial += 1;
  stopPing(link);
  if (socket) {
    try {
      socket.close(1000);
    } catch {
      // Already closed.
    }
  }
}

export function send(link, message) {
  if (!link.socket || link.socket.readyState !== WebSocket.OPEN) return false;
  link.socket.send(JSON.stringify(message));
  return true;
}

export function isConnected(link) {
  return link.connection === 'open' && link.socket !== null;
}

/** The message in data as an object, or null; any message at all answers the last ping. */
export function readMessage(link, data) {
  let message;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (!message || typeof message !== 'object') return null;
  if (link.pongTimer) {
    window.clearTimeout(link.pongTimer);
    link.pongTimer = 0;
  }
  return message;
}

/** A new request id: one counter for every request of the page, as the protocol wants. */
export function nextRequestId(link) {
  link.nextRequestId = link.nextRequestId >= MAX_REQUEST_ID ? 1 : link.nextRequestId + 1;
  return link.nextRequestId;
}

function backoffDelay(attempt) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 10));
  // ±25 % jitter, so that a room full of phones does not come back in the same millisecond.
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (0.75 + Math.random() * 0.5)));
}

/** Runs action after the backoff of the attempts so far (at least atLeastMs), unless retryNow() runs it first. */
export function startRetry(link, action, atLeastMs = 0) {
  clearRetry(link);
  const delay = Math.max(atLeastMs, backoffDelay(link.attempts));
  link.attempts += 1;
  link.retryAction = action;
  link.retryTimer = window.setTimeout(() => {
    link.retryTimer = 0;
    action();
  }, delay);
}

export function clearRetry(link) {
  if (link.retryTimer) window.clearTimeout(link.retryTimer);
  link.retryTimer = 0;
}

/** Tries at once what a retry timer waits for (the device is back online or the page visible again). */
export function retryNow(link) {
  if (!link.retryTimer || !link.retryAction) return;
  clearRetry(link);
  link.retryAction();
}

/** Pings every PING_INTERVAL_MS with ping(). */
export function startPing(link, ping) {
  stopPing(link);
  link.pingTimer = window.setInterval(ping, PING_INTERVAL_MS);
}

/** Sends a ping; silence after it means the Wi-Fi dropped without the socket noticing: onSilence() starts over. */
export function sendPing(link, onSilence) {
  if (!send(link, { type: 'ping' }) || link.pongTimer) return;
  link.pongTimer = window.setTimeout(() => {
    link.pongTimer = 0;
    onSilence();
  }, PONG_TIMEOUT_MS);
}

export function stopPing(link) {
  if (link.pingTimer) window.clearInterval(link.pingTimer);
  if (link.pongTimer) window.clearTimeout(link.pongTimer);
  link.pingTimer = 0;
  link.pongTimer = 0;
}

/**
 * The controls both pages have: the language buttons (page.setLanguage), "Reconnect now", and a retry or a ping
 * (page.ping) when the device is back online or the page visible again.
 */
export function wireCommonEvents(link, page) {
  element('reconnect-now').addEventListener('click', () => retryNow(link));
  for (const button of document.querySelectorAll('.language'))
    button.addEventListener('click', () => page.setLanguage(button.dataset.lang, true));
  window.addEventListener('online', () => {
    page.render();
    retryNow(link);
  });
  window.addEventListener('offline', page.render);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    // A device that slept may hold a socket that died meanwhile: check it now rather than at the next ping.
    if (isConnected(link)) page.ping();
    else retryNow(link);
  });
}

// ---- Agenda -----------------------------------------------------------------------------------------------

const stringOf = (value) => (typeof value === 'string' ? value : '');
const listOf = (value) => (Array.isArray(value) ? value : []);
const agendaTime = (value) => (typeof value === 'string' && AGENDA_TIME.test(value) ? value : null);

/**
 * The address of a material as the browser reads it when it is http or https, else null: whatever the server
 * sends, nothing else (javascript:, data:, file:…) becomes a link on these pages.
 */
function webAddress(value) {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** The session's deck download: only from this page's own server (the laptop), never another address. */
function readDeck(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.url !== 'string') return null;
  let url;
  try {
    url = new URL(raw.url, window.location.href);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin) return null;
  return {
    url: url.pathname + url.search,
    name: stringOf(raw.name),
    bytes: Number.isFinite(raw.bytes) && raw.bytes >= 0 ? Math.trunc(raw.bytes) : null,
  };
}

function readSession(raw) {
  if (!raw || typeof raw !== 'object' || !Number.isInteger(raw.index) || raw.index < 0) return null;
  const materials = [];
  for (const material of listOf(raw.materials)) {
    const address = webAddress(material?.url);
    if (address) materials.push({ label: stringOf(material.label), address });
  }
  return {
    index: raw.index,
    title: stringOf(raw.title),
    speaker: stringOf(raw.speaker),
    plannedStart: agendaTime(raw.plannedStart),
    plannedEnd: agendaTime(raw.plannedEnd),
    actualStart: agendaTime(raw.actualStart),
    actualEnd: agendaTime(raw.actualEnd),
    materials,
    deck: readDeck(raw.deck),
  };
}

/** An `agenda` message of the protocol; every text in it stays a plain string, shown with textContent only. */
export function readAgenda(message) {
  const event = message.event && typeof message.event === 'object' ? message.event : {};
  const sessions = listOf(message.sessions).map(readSession).filter(Boolean);
  const onStage = Number.isInteger(message.onStage) ? message.onStage : -1;
  return {
    title: stringOf(event.title),
    date: stringOf(event.date),
    venue: stringOf(event.venue),
    onStage: sessions.some((session) => session.index === onStage) ? onStage : -1,
    behindMinutes: Number.isFinite(message.behindMinutes) ? Math.trunc(message.behindMinutes) : 0,
    sessions,
  };
}

/** "Runs +4 min behind" or "Runs 2 min ahead" in node; hidden when the event runs on time. */
export function renderBehind(node, minutes) {
  node.hidden = minutes === 0;
  node.dataset.late = String(minutes > 0);
  setText(node, minutes === 0 ? '' : t(minutes > 0 ? 'agenda.behind' : 'agenda.ahead', {
    n: i18n.numbers.format(Math.abs(minutes)),
  }));
}

// ---- Rendering --------------------------------------------------------------------------------------------

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function span(className, text) {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

/** Puts rows into list in this order, moving rather than rebuilding (focus and scroll stay); others leave it. */
export function placeItems(list, rows) {
  let previous = null;
  for (const row of rows) {
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (wanted !== row) list.insertBefore(row, wanted);
    previous = row;
  }
  let extra = previous ? previous.nextSibling : list.firstChild;
  while (extra) {
    const next = extra.nextSibling;
    extra.remove();
    extra = next;
  }
}

/**
 * The connection bar in state (idle hides it). While retrying it says so, or that the device is offline;
 * reasonText, when there is one and the device is online, goes before those words.
 */
export function renderConnectionBar(state, reasonText = '') {
  const bar = element('connection');
  bar.hidden = state === 'idle';
  bar.dataset.state = state;
  let text = '';
  if (state === 'retrying') {
    const offline = navigator.onLine === false;
    text = t(offline ? CONNECTION_TEXT_KEYS.offline : CONNECTION_TEXT_KEYS.retrying);
    if (!offline && reasonText) text = `${reasonText} ${text}`;
  } else if (CONNECTION_TEXT_KEYS[state]) {
    text = t(CONNECTION_TEXT_KEYS[state]);
  }
  setText(element('connection-text'), text);
  element('reconnect-now').hidden = state !== 'retrying';
}
