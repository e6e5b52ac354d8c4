// Lectern phone page: joins the room, shows the current poll, sends the vote, shows results when allowed.
// Protocol: app/core/server/PROTOCOL.md (version 1). Everything that comes from the network or the audience
// goes into the page as text (textContent, createTextNode), never as HTML.

const PROTOCOL_VERSION = 1;
const PING_INTERVAL_MS = 25_000;
/** No message at all within this time of a ping: the connection is dead even if the socket has not noticed. */
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const MAX_TEXT_LENGTH = 300;
const MAX_WORD_LENGTH = 40;
const RATING_VALUES = ['1', '2', '3', '4', '5'];
const LANGUAGES = ['en', 'ja'];
const POLL_KINDS = ['single', 'multiple', 'rating', 'wordcloud', 'text'];
const RESULT_VISIBILITIES = ['never', 'afterVoting', 'afterReveal'];
const LANGUAGE_KEY = 'lectern.language';
const DEVICE_KEY_PREFIX = 'lectern.device.';

const CONNECTION_TEXT_KEYS = {
  connecting: 'conn.connecting',
  open: 'conn.connected',
  retrying: 'conn.reconnecting',
  offline: 'conn.offline',
};

const element = (id) => document.getElementById(id);

// Storage that keeps working (for this visit) where localStorage is switched off or full.
const storage = {
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

const i18n = {
  language: 'en',
  catalogs: new Map(),
  plural: new Intl.PluralRules('en'),
  numbers: new Intl.NumberFormat('en'),
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
function t(key, params = {}) {
  const text = i18n.catalogs.get(i18n.language)?.[key] ?? i18n.catalogs.get('en')?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** t() of `key.one` or `key.other` by the count n, which is also {n} (formatted for the language). */
function tn(key, n, params = {}) {
  const form = i18n.plural.select(n) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, { ...params, n: i18n.numbers.format(n) });
}

/** The words for an error code of the protocol or of this page; a code this page does not know gets general words. */
function errorText(code) {
  const key = `error.${code}`;
  return i18n.catalogs.get('en')?.[key] === undefined ? t('error.unknown') : t(key);
}

function preferredLanguage() {
  const chosen = storage.get(LANGUAGE_KEY);
  if (LANGUAGES.includes(chosen)) return chosen;
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  for (const tag of tags) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

async function setLanguage(language, remember) {
  try {
    await loadCatalog('en');
    await loadCatalog(language);
  } catch (error) {
    console.warn('Lectern: string catalog not loaded', error);
    if (!i18n.catalogs.has(language)) return;
  }
  i18n.language = language;
  i18n.plural = new Intl.PluralRules(language);
  i18n.numbers = new Intl.NumberFormat(language);
  if (remember) storage.set(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-aria-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const button of document.querySelectorAll('.language'))
    button.setAttribute('aria-pressed', String(button.dataset.lang === language));
  ui.formKey = ''; // the poll's own texts (hints, labels) are rebuilt in the new language
  render();
}

// ---- State ------------------------------------------------------------------------------------------------

const app = {
  phase: 'start', // start | code | joining | joined
  room: '',
  device: '',
  eventTitle: '',
  sessionTitle: '',
  joinError: '',
  socket: null,
  serial: 0, // counts connections; a vote remembers the connection it was sent on (sent again once per new one)
  connection: 'idle', // idle | connecting | open | retrying
  connectionReason: '',
  attempts: 0,
  retryTimer: 0,
  retryAction: null,
  pingTimer: 0,
  pongTimer: 0,
  awaitingFirstPoll: false,
  closeReason: '', // an error the server sent just before closing: wrong-room, unknown-device
  poll: null,
  results: null, // {poll, voters, counts}; counts null while the audience's answers are not shown yet
  pending: null, // the one vote not yet acknowledged: {id, poll, answer, sentOn}
  voteError: '',
  nextVoteId: 1 + Math.floor(Math.random() * 1_000_000_000),
};

const ui = {
  formKey: '',
  formPollId: '',
  dirty: false, // the audience changed the answer in the form since it was last set from the server
  lastAnnouncedPoll: '',
  barRows: new Map(),
  wordItems: new Map(),
};

function deviceKey(room) {
  return DEVICE_KEY_PREFIX + room;
}

/** A room code as the server compares it: no spaces or dashes, upper case (full-width letters made ASCII). */
function normalizeRoom(text) {
  return String(text).normalize('NFKC').replace(/[\s\-‐-―ー]+/g, '').toUpperCase();
}

function isPlausibleRoom(code) {
  return /^[A-Z0-9]{4,16}$/.test(code);
}

function roomFromAddress() {
  const match = /^\/j\/([^/]*)\/?$/.exec(window.location.pathname);
  if (!match) return null;
  try {
    return normalizeRoom(decodeURIComponent(match[1]));
  } catch {
    return '';
  }
}

// ---- Joining ----------------------------------------------------------------------------------------------

function showCodeForm(code, error) {
  stopConnection();
  app.phase = 'code';
  app.joinError = error;
  const input = element('room-code');
  input.value = code;
  setConnection('idle');
  render();
  input.focus();
}

function onCodeSubmitted(event) {
  event.preventDefault();
  const code = normalizeRoom(element('room-code').value);
  if (!code) {
    app.joinError = 'empty-code';
  } else if (!isPlausibleRoom(code)) {
    app.joinError = 'invalid-code';
  } else {
    window.location.assign(`/j/${encodeURIComponent(code)}`);
    return;
  }
  render();
  element('room-code').focus();
}

async function join() {
  clearRetry();
  if (app.phase !== 'joined') app.phase = 'joining';
  setConnection('connecting');
  render();
  const request = { room: app.room };
  const known = storage.get(deviceKey(app.room));
  if (known) request.device = known;
  let response;
  let body = {};
  try {
    response = await fetch('/api/v1/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
    body = await response.json().catch(() => ({}));
  } catch {
    scheduleRetry(join, 'network');
    return;
  }
  if (response.ok && typeof body.device === 'string' && body.device) {
    if (typeof body.room === 'string' && body.room) app.room = normalizeRoom(body.room);
    app.device = body.device;
    storage.set(deviceKey(app.room), body.device);
    if (window.location.pathname !== `/j/${app.room}`) window.history.replaceState(null, '', `/j/${app.room}`);
    setTitles(body.event, body.session);
    connect();
    return;
  }
  const code = typeof body.code === 'string' ? body.code : codeForStatus(response.status);
  if (code === 'wrong-room' || code === 'bad-request') {
    showCodeForm(app.room, code);
  } else if (code === 'rate-limited') {
    const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    scheduleRetry(join, code, Number.isFinite(seconds) ? seconds * 1000 : 0);
  } else {
    scheduleRetry(join, code);
  }
}

function codeForStatus(status) {
  const codes = { 400: 'bad-request', 403: 'wrong-room', 404: 'not-found', 405: 'bad-method', 413: 'too-large' };
  if (status in codes) return codes[status];
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'server-busy';
  if (status === 500) return 'storage-failed';
  return 'unknown';
}

function setTitles(eventTitle, sessionTitle) {
  app.eventTitle = typeof eventTitle === 'string' ? eventTitle : '';
  app.sessionTitle = typeof sessionTitle === 'string' && sessionTitle !== eventTitle ? sessionTitle : '';
}

// ---- Connection -------------------------------------------------------------------------------------------

function socketAddress() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws`;
}

function connect() {
  clearRetry();
  dropSocket();
  const serial = ++app.serial;
  app.awaitingFirstPoll = false;
  app.closeReason = '';
  setConnection('connecting');
  let socket;
  try {
    socket = new WebSocket(socketAddress());
  } catch {
    scheduleRetry(connect, 'network');
    return;
  }
  app.socket = socket;
  socket.addEventListener('open', () => {
    if (serial === app.serial)
      send({ type: 'hello', protocol: PROTOCOL_VERSION, room: app.room, device: app.device });
  });
  socket.addEventListener('message', (event) => {
    if (serial === app.serial) onMessage(event.data);
  });
  socket.addEventListener('close', (event) => {
    if (serial === app.serial) onClosed(event.code);
  });
}

/** Forgets the current socket (its late events are ignored) and closes it. */
function dropSocket() {
  const socket = app.socket;
  app.socket = null;
  app.serial += 1;
  stopPing();
  if (socket) {
    try {
      socket.close(1000);
    } catch {
      // Already closed.
    }
  }
}

function stopConnection() {
  clearRetry();
  dropSocket();
}

function send(message) {
  if (!app.socket || app.socket.readyState !== WebSocket.OPEN) return false;
  app.socket.send(JSON.stringify(message));
  return true;
}

function isConnected() {
  return app.connection === 'open' && app.socket !== null;
}

function onClosed(code) {
  app.socket = null;
  stopPing();
  const reason = app.closeReason;
  app.closeReason = '';
  if (code === 4003 || reason === 'wrong-room') {
    showCodeForm(app.room, 'wrong-room');
    return;
  }
  if (code === 4004 || reason === 'unknown-device') {
    // The room does not know this phone (a new event database): ask for a new identity.
    storage.remove(deviceKey(app.room));
    app.device = '';
    if (app.attempts === 0) {
      app.attempts = 1;
      join();
    } else {
      scheduleRetry(join, 'unknown-device');
    }
    return;
  }
  scheduleRetry(connect, 'network');
}

function backoffDelay(attempt) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 10));
  // ±25 % jitter, so that a room full of phones does not come back in the same millisecond.
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (0.75 + Math.random() * 0.5)));
}

function scheduleRetry(action, reason, atLeastMs = 0) {
  clearRetry();
  const delay = Math.max(atLeastMs, backoffDelay(app.attempts));
  app.attempts += 1;
  app.retryAction = action;
  app.retryTimer = window.setTimeout(() => {
    app.retryTimer = 0;
    action();
  }, delay);
  setConnection('retrying', reason);
  render();
}

function clearRetry() {
  if (app.retryTimer) window.clearTimeout(app.retryTimer);
  app.retryTimer = 0;
}

/** Tries at once what a retry timer waits for (the phone is back online or the page visible again). */
function retryNow() {
  if (!app.retryTimer || !app.retryAction) return;
  clearRetry();
  app.retryAction();
}

function setConnection(state, reason = '') {
  app.connection = state;
  app.connectionReason = reason;
}

function startPing() {
  stopPing();
  app.pingTimer = window.setInterval(ping, PING_INTERVAL_MS);
}

/** Sends a ping; silence after it means the Wi-Fi dropped without the socket noticing, so start over. */
function ping() {
  if (!send({ type: 'ping' }) || app.pongTimer) return;
  app.pongTimer = window.setTimeout(() => {
    app.pongTimer = 0;
    dropSocket();
    scheduleRetry(connect, 'network');
  }, PONG_TIMEOUT_MS);
}

function stopPing() {
  if (app.pingTimer) window.clearInterval(app.pingTimer);
  if (app.pongTimer) window.clearTimeout(app.pongTimer);
  app.pingTimer = 0;
  app.pongTimer = 0;
}

function onMessage(data) {
  let message;
  try {
    message = JSON.parse(data);
  } catch {
    return;
  }
  if (!message || typeof message !== 'object') return;
  if (app.pongTimer) {
    window.clearTimeout(app.pongTimer);
    app.pongTimer = 0;
  }
  switch (message.type) {
    case 'welcome':
      app.attempts = 0;
      app.awaitingFirstPoll = true;
      app.phase = 'joined';
      if (typeof message.event === 'string' && message.event) setTitles(message.event, message.session);
      setConnection('open');
      startPing();
      render();
      break;
    case 'poll':
      onPoll(message.poll);
      if (app.awaitingFirstPoll) {
        app.awaitingFirstPoll = false;
        resendPending();
      }
      break;
    case 'results':
      onResults(message);
      break;
    case 'ack':
      onAck(message);
      break;
    case 'error':
      onError(message);
      break;
    default:
      break; // pong, and types of a later protocol
  }
}

// ---- Polls and votes --------------------------------------------------------------------------------------

function readPoll(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.id !== 'string' || !POLL_KINDS.includes(raw.kind)) return null;
  const options = Array.isArray(raw.options)
    ? raw.options
        .filter((option) => option && typeof option.id === 'string')
        .map((option) => ({ id: option.id, label: typeof option.label === 'string' ? option.label : option.id }))
    : [];
  const labels = raw.ratingLabels && typeof raw.ratingLabels === 'object' ? raw.ratingLabels : {};
  return {
    id: raw.id,
    question: typeof raw.question === 'string' ? raw.question : '',
    kind: raw.kind,
    state: raw.state === 'open' ? 'open' : 'closed',
    showResults: RESULT_VISIBILITIES.includes(raw.showResults) ? raw.showResults : 'afterReveal',
    revealed: raw.revealed === true,
    yourAnswer: Array.isArray(raw.yourAnswer) ? raw.yourAnswer.map(String) : null,
    options,
    maxChoices: Number.isInteger(raw.maxChoices) && raw.maxChoices > 0 ? raw.maxChoices : 0,
    ratingLow: typeof labels.low === 'string' ? labels.low : '',
    ratingHigh: typeof labels.high === 'string' ? labels.high : '',
  };
}

function choiceLimit(poll) {
  if (poll.kind === 'single') return 1;
  return poll.maxChoices > 0 ? Math.min(poll.maxChoices, poll.options.length) : poll.options.length;
}

function mayShowResults(poll) {
  if (!poll) return false;
  if (poll.showResults === 'afterVoting') return poll.yourAnswer !== null || poll.revealed;
  if (poll.showResults === 'afterReveal') return poll.revealed;
  return false;
}

function onPoll(raw) {
  const poll = readPoll(raw);
  const samePoll = poll !== null && app.poll !== null && app.poll.id === poll.id;
  if (!samePoll) {
    app.results = null;
    app.voteError = '';
    ui.dirty = false;
  }
  app.poll = poll;
  if (!mayShowResults(poll)) app.results = null;
  // Hidden again: what the audience wrote leaves the phone at once, not at the next results message.
  else if (isAudienceText(poll) && !poll.revealed && app.results) app.results.counts = null;
  if (poll && ui.lastAnnouncedPoll !== poll.id) {
    ui.lastAnnouncedPoll = poll.id;
    if (poll.state === 'open') announce(t('poll.announce', { question: poll.question }));
  }
  render();
}

/** Word clouds and open text: the audience's own words, which phones see only while the speaker shows them. */
function isAudienceText(poll) {
  return poll.kind === 'wordcloud' || poll.kind === 'text';
}

/** Results without `counts` mean "answers not shown yet": the page shows how many answered, not what. */
function onResults(message) {
  if (!app.poll || message.poll !== app.poll.id) return;
  if (message.counts !== undefined && !Array.isArray(message.counts)) return;
  const counts = Array.isArray(message.counts)
    ? message.counts
        .filter((entry) => entry && typeof entry.answer === 'string' && Number.isFinite(entry.count))
        .map((entry) => ({
          answer: entry.answer,
          label: typeof entry.label === 'string' ? entry.label : null,
          count: Math.max(0, Math.trunc(entry.count)),
        }))
    : null;
  const voters = Number.isFinite(message.voters) ? Math.max(0, Math.trunc(message.voters)) : 0;
  app.results = { poll: message.poll, voters, counts };
  renderResults();
}

function onAck(message) {
  const pending = app.pending;
  if (!pending || message.id !== pending.id) return;
  app.pending = null;
  app.voteError = '';
  if (app.poll && app.poll.id === pending.poll) {
    app.poll.yourAnswer = Array.isArray(message.answer) ? message.answer.map(String) : pending.answer;
    ui.dirty = false;
  }
  render();
}

function onError(message) {
  const code = typeof message.code === 'string' ? message.code : 'unknown';
  if (typeof message.message === 'string') console.info(`Lectern server: ${code}: ${message.message}`);
  if (code === 'wrong-room' || code === 'unknown-device') {
    app.closeReason = code; // the server closes the connection next
    return;
  }
  if (code === 'hello-first') return; // closed next; the page says hello again on reconnecting
  if (app.pending && message.id === app.pending.id) app.pending = null;
  app.voteError = code;
  render();
}

/** The answer the form holds now, as the protocol wants it (an array of strings). */
function answerInForm(poll) {
  const inputs = element('poll-inputs');
  if (poll.kind === 'wordcloud' || poll.kind === 'text') {
    const field = inputs.querySelector('input[type="text"], textarea');
    const text = field ? field.value.trim() : '';
    return text ? [text] : [];
  }
  return [...inputs.querySelectorAll('input:checked')].map((input) => input.value);
}

/** The reason an answer cannot be sent, as an error code of the string catalog, or '' when it can. */
function answerProblem(poll, answer) {
  if (answer.length === 0)
    return poll.kind === 'wordcloud' || poll.kind === 'text' ? 'empty-answer' : 'no-choice';
  if (poll.kind === 'text' && [...answer[0]].length > MAX_TEXT_LENGTH) return 'too-long';
  if (poll.kind === 'wordcloud' && [...answer[0]].length > MAX_WORD_LENGTH) return 'too-long';
  if (poll.kind === 'multiple' && answer.length > choiceLimit(poll)) return 'too-many';
  return '';
}

function onVoteSubmitted(event) {
  event.preventDefault();
  const poll = app.poll;
  if (!poll || poll.state !== 'open') return;
  const answer = answerInForm(poll);
  const problem = answerProblem(poll, answer);
  app.voteError = problem;
  if (!problem) {
    app.nextVoteId = app.nextVoteId >= 2_147_483_647 ? 1 : app.nextVoteId + 1;
    app.pending = { id: app.nextVoteId, poll: poll.id, answer, sentOn: 0 };
    if (isConnected()) sendPending();
  }
  render();
}

function sendPending() {
  const pending = app.pending;
  if (send({ type: 'vote', id: pending.id, poll: pending.poll, answer: pending.answer })) pending.sentOn = app.serial;
}

/**
 * After each (re)connection: the vote still not acknowledged is sent again, once on this connection. So it goes
 * once per reconnection, not once in total; the server keeps one answer per phone, so a repeat changes nothing.
 */
function resendPending() {
  const pending = app.pending;
  if (!pending || pending.sentOn === app.serial) return;
  if (app.poll && app.poll.id === pending.poll && app.poll.state === 'open') {
    sendPending();
  } else {
    app.pending = null;
    if (app.poll && app.poll.id === pending.poll) app.voteError = 'poll-closed';
  }
  render();
}

function announce(text) {
  const announcer = element('announcer');
  announcer.textContent = '';
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

// ---- Rendering --------------------------------------------------------------------------------------------

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function render() {
  element('join-view').hidden = app.phase !== 'code';
  element('joining-view').hidden = !(app.phase === 'joining' || app.phase === 'start');
  element('waiting-view').hidden = !(app.phase === 'joined' && app.poll === null);
  element('poll-view').hidden = !(app.phase === 'joined' && app.poll !== null);
  renderTitles();
  renderConnection();
  if (app.phase === 'code') setText(element('join-message'), app.joinError ? errorText(app.joinError) : '');
  if (app.phase === 'joined' && app.poll) renderPoll(app.poll);
}

function renderTitles() {
  setText(element('event-title'), app.eventTitle || t('app.name'));
  const session = element('session-title');
  setText(session, app.sessionTitle);
  session.hidden = !app.sessionTitle;
  const title = app.eventTitle ? `${app.eventTitle} · ${t('app.name')}` : t('app.name');
  if (document.title !== title) document.title = title;
}

function renderConnection() {
  const bar = element('connection');
  const state = app.phase === 'code' ? 'idle' : app.connection;
  bar.hidden = state === 'idle';
  bar.dataset.state = state;
  let text = '';
  if (state === 'retrying') {
    const offline = navigator.onLine === false;
    text = t(offline ? CONNECTION_TEXT_KEYS.offline : CONNECTION_TEXT_KEYS.retrying);
    if (!offline && app.connectionReason && app.connectionReason !== 'network')
      text = `${errorText(app.connectionReason)} ${text}`;
  } else if (CONNECTION_TEXT_KEYS[state]) {
    text = t(CONNECTION_TEXT_KEYS[state]);
  }
  setText(element('connection-text'), text);
  element('reconnect-now').hidden = state !== 'retrying';
}

function pollFormKey(poll) {
  return JSON.stringify([i18n.language, poll.id, poll.kind, poll.question, poll.options, poll.maxChoices,
                         poll.ratingLow, poll.ratingHigh]);
}

/** The answer to show in the form: what the audience is editing, else the vote on its way, else the recorded. */
function answerToShow(poll) {
  if (ui.dirty && ui.formPollId === poll.id) return answerInForm(poll);
  if (app.pending && app.pending.poll === poll.id) return app.pending.answer;
  return poll.yourAnswer ?? [];
}

function renderPoll(poll) {
  const key = pollFormKey(poll);
  if (key !== ui.formKey) {
    const answer = answerToShow(poll);
    buildInputs(poll, answer);
    ui.formKey = key;
    ui.formPollId = poll.id;
  } else if (!ui.dirty) {
    selectAnswer(poll, answerToShow(poll));
  }
  const open = poll.state === 'open';
  setText(element('poll-question'), poll.question);
  setText(element('poll-hint'), open ? hintFor(poll) : '');
  element('poll-fieldset').disabled = !open;
  element('poll-closed').hidden = open;
  const button = element('vote-button');
  button.hidden = !open;
  const answered = poll.yourAnswer !== null || (app.pending !== null && app.pending.poll === poll.id);
  setText(button, t(answered ? 'poll.change' : 'poll.submit'));
  updateLimits(poll);
  renderVoteStatus(poll);
  setText(element('vote-error'), app.voteError ? errorText(app.voteError) : '');
  renderResults();
}

function hintFor(poll) {
  switch (poll.kind) {
    case 'single':
      return t('poll.hint.single');
    case 'multiple': {
      const limit = choiceLimit(poll);
      return limit >= poll.options.length ? t('poll.hint.multipleAny') : tn('poll.hint.multiple', limit);
    }
    case 'rating':
      return t('poll.hint.rating');
    case 'wordcloud':
      return t('poll.hint.wordcloud');
    default:
      return t('poll.hint.text');
  }
}

function renderVoteStatus(poll) {
  const status = element('vote-status');
  let state = '';
  let main = '';
  let detail = '';
  if (app.pending && app.pending.poll === poll.id) {
    const sent = isConnected() && app.pending.sentOn === app.serial;
    state = sent ? 'sending' : 'queued';
    main = t(sent ? 'poll.sending' : 'poll.queued');
  } else if (poll.yourAnswer !== null) {
    state = 'in';
    main = t('poll.voteIn');
    detail = poll.state === 'open' ? t('poll.changeable') : '';
  } else if (poll.state !== 'open') {
    state = 'missed';
    main = t('poll.notAnswered');
  }
  const summary = [main, detail].join('\n');
  if (status.dataset.summary === summary && status.dataset.state === state) return;
  status.dataset.summary = summary;
  status.dataset.state = state;
  status.replaceChildren();
  if (main) status.append(span('status-main', main));
  if (detail) status.append(span('status-detail', detail));
}

function span(className, text) {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

function buildInputs(poll, answer) {
  const inputs = element('poll-inputs');
  inputs.replaceChildren();
  inputs.className = 'poll-inputs';
  const name = `answer-${poll.id}`;
  switch (poll.kind) {
    case 'single':
    case 'multiple':
      for (const option of poll.options)
        inputs.append(choice(poll.kind === 'single' ? 'radio' : 'checkbox', name, option.id, option.label));
      break;
    case 'rating': {
      const row = document.createElement('div');
      row.className = 'rating';
      for (const value of RATING_VALUES) {
        const label = choice('radio', name, value, value);
        const end = value === '1' ? poll.ratingLow : value === '5' ? poll.ratingHigh : '';
        // The end labels are read with their number; on screen they stand under the row.
        if (end) label.append(span('visually-hidden', ` ${end}`));
        row.append(label);
      }
      inputs.append(row);
      if (poll.ratingLow || poll.ratingHigh) {
        const ends = document.createElement('p');
        ends.className = 'rating-ends';
        ends.setAttribute('aria-hidden', 'true');
        ends.append(span('rating-low', poll.ratingLow), span('rating-high', poll.ratingHigh));
        inputs.append(ends);
      }
      break;
    }
    case 'wordcloud':
    case 'text': {
      const id = `answer-field-${poll.kind}`;
      const label = document.createElement('label');
      label.className = 'field-label';
      label.htmlFor = id;
      label.textContent = t(poll.kind === 'wordcloud' ? 'poll.wordLabel' : 'poll.textLabel');
      const field = document.createElement(poll.kind === 'wordcloud' ? 'input' : 'textarea');
      field.id = id;
      field.name = name;
      if (poll.kind === 'wordcloud') {
        field.type = 'text';
        field.maxLength = MAX_WORD_LENGTH;
        field.autocomplete = 'off';
        field.enterKeyHint = 'send';
      } else {
        field.rows = 5;
      }
      const counter = document.createElement('p');
      counter.className = 'counter';
      counter.id = `${id}-counter`;
      field.setAttribute('aria-describedby', counter.id);
      inputs.append(label, field, counter);
      break;
    }
    default:
      break;
  }
  selectAnswer(poll, answer);
}

function choice(type, name, value, text) {
  const label = document.createElement('label');
  label.className = 'choice';
  const input = document.createElement('input');
  input.type = type;
  input.name = name;
  input.value = value;
  label.append(input, span('choice-text', text));
  return label;
}

function selectAnswer(poll, answer) {
  const inputs = element('poll-inputs');
  if (poll.kind === 'wordcloud' || poll.kind === 'text') {
    const field = inputs.querySelector('input[type="text"], textarea');
    if (field && document.activeElement !== field) field.value = answer[0] ?? '';
  } else {
    for (const input of inputs.querySelectorAll('input')) input.checked = answer.includes(input.value);
  }
  updateLimits(poll);
}

/** Multiple choice: options beyond the limit are disabled; open text: the length counter. */
function updateLimits(poll) {
  const inputs = element('poll-inputs');
  if (poll.kind === 'multiple') {
    const boxes = [...inputs.querySelectorAll('input[type="checkbox"]')];
    const full = boxes.filter((box) => box.checked).length >= choiceLimit(poll);
    for (const box of boxes) box.disabled = full && !box.checked;
  } else if (poll.kind === 'wordcloud' || poll.kind === 'text') {
    const field = inputs.querySelector('input[type="text"], textarea');
    const counter = inputs.querySelector('.counter');
    if (!field || !counter) return;
    const max = poll.kind === 'text' ? MAX_TEXT_LENGTH : MAX_WORD_LENGTH;
    const used = [...field.value].length;
    setText(counter, t('poll.counter', { n: i18n.numbers.format(used), max: i18n.numbers.format(max) }));
    counter.dataset.over = String(used > max);
  }
}

function onFormInput() {
  if (!app.poll) return;
  ui.dirty = true;
  if (app.voteError && !app.pending) {
    app.voteError = '';
    setText(element('vote-error'), '');
  }
  updateLimits(app.poll);
}

// ---- Results ----------------------------------------------------------------------------------------------

function renderResults() {
  const section = element('results');
  const poll = app.poll;
  const results = app.results;
  if (!poll || !results || results.poll !== poll.id) {
    section.hidden = true;
    clearWords();
    return;
  }
  section.hidden = false;
  setText(element('results-voters'), tn('results.voters', results.voters));
  const shown = results.counts !== null;
  const choiceLike = poll.kind === 'single' || poll.kind === 'multiple' || poll.kind === 'rating';
  element('results-pending').hidden = shown;
  element('results-bars').hidden = !shown || !choiceLike;
  element('results-words').hidden = !shown || choiceLike || results.counts.length === 0;
  element('results-empty').hidden = !shown || choiceLike || results.counts.length > 0;
  if (!shown) clearWords();
  else if (choiceLike) renderBars(poll, results);
  else renderWords(poll, results);
  const summary = element('results-summary');
  const average = shown && poll.kind === 'rating' ? ratingAverage(results) : null;
  summary.hidden = average === null;
  setText(summary, average === null ? '' : t('results.average', { value: average }));
}

function ratingAverage(results) {
  let total = 0;
  let answers = 0;
  for (const entry of results.counts) {
    const value = Number.parseInt(entry.answer, 10);
    if (!RATING_VALUES.includes(entry.answer)) continue;
    total += value * entry.count;
    answers += entry.count;
  }
  if (answers === 0) return null;
  return new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    total / answers);
}

/** The rows of a choice or rating poll: every option in declared order, with the counts the server sent. */
function barEntries(poll, results) {
  const counts = new Map(results.counts.map((entry) => [entry.answer, entry]));
  let rows;
  if (poll.kind === 'rating') {
    rows = RATING_VALUES.map((value) => {
      const end = value === '1' ? poll.ratingLow : value === '5' ? poll.ratingHigh : '';
      return { answer: value, label: end ? t('results.ratingEnd', { value, label: end }) : value };
    });
  } else {
    rows = poll.options.map((option) => ({ answer: option.id, label: option.label }));
    for (const entry of results.counts) {
      if (!poll.options.some((option) => option.id === entry.answer))
        rows.push({ answer: entry.answer, label: entry.label ?? entry.answer });
    }
  }
  return rows.map((row) => ({ ...row, count: counts.get(row.answer)?.count ?? 0 }));
}

function renderBars(poll, results) {
  const list = element('results-bars');
  const entries = barEntries(poll, results);
  const layout = JSON.stringify([i18n.language, poll.id, entries.map((entry) => [entry.answer, entry.label])]);
  if (list.dataset.layout !== layout) {
    list.dataset.layout = layout;
    list.replaceChildren();
    ui.barRows.clear();
    for (const entry of entries) {
      const row = document.createElement('li');
      row.className = 'bar';
      const head = document.createElement('div');
      head.className = 'bar-head';
      const label = span('bar-label', entry.label);
      const mine = span('bar-mine', t('results.yours'));
      const value = span('bar-value', '');
      label.append(mine);
      head.append(label, value);
      const track = document.createElement('div');
      track.className = 'bar-track';
      track.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      track.append(fill);
      row.append(head, track);
      list.append(row);
      ui.barRows.set(entry.answer, { row, mine, value, fill });
    }
  }
  const yours = new Set(poll.yourAnswer ?? []);
  const base = Math.max(results.voters, 1);
  for (const entry of entries) {
    const parts = ui.barRows.get(entry.answer);
    const percent = Math.round((entry.count * 100) / base);
    setText(parts.value, t('results.value', { votes: tn('results.votes', entry.count), percent }));
    const width = `${Math.min(100, (entry.count * 100) / base)}%`;
    if (parts.fill.style.width !== width) parts.fill.style.width = width; // CSSOM: allowed under the CSP
    const isMine = yours.has(entry.answer);
    parts.row.classList.toggle('is-mine', isMine);
    parts.mine.hidden = !isMine;
  }
}

/** Takes every answer out of the page, not just out of view. */
function clearWords() {
  const list = element('results-words');
  if (list.firstChild) list.replaceChildren();
  delete list.dataset.owner;
  ui.wordItems.clear();
}

function renderWords(poll, results) {
  const list = element('results-words');
  const isText = poll.kind === 'text';
  list.classList.toggle('is-text', isText);
  const owner = `${poll.id}|${i18n.language}`;
  if (list.dataset.owner !== owner) {
    list.dataset.owner = owner;
    list.replaceChildren();
    ui.wordItems.clear();
  }
  const largest = Math.max(1, ...results.counts.map((entry) => entry.count));
  const keep = new Set();
  let previous = null;
  for (const entry of results.counts) {
    keep.add(entry.answer);
    let item = ui.wordItems.get(entry.answer);
    if (!item) {
      const row = document.createElement('li');
      row.className = 'word';
      const text = span('word-text', entry.answer); // audience text: textContent only
      const count = span('word-count', '');
      row.append(text, count);
      item = { row, count };
      ui.wordItems.set(entry.answer, item);
    }
    setText(item.count, isText && entry.count === 1 ? '' : tn('results.times', entry.count));
    item.count.hidden = isText && entry.count === 1;
    if (!isText) {
      const size = `${(1 + (0.6 * entry.count) / largest).toFixed(2)}rem`;
      if (item.row.style.fontSize !== size) item.row.style.fontSize = size;
    }
    // Keep the server's order (most frequent first) without re-inserting rows already in place.
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (wanted !== item.row) list.insertBefore(item.row, wanted);
    previous = item.row;
  }
  for (const [answer, item] of ui.wordItems) {
    if (!keep.has(answer)) {
      item.row.remove();
      ui.wordItems.delete(answer);
    }
  }
}

// ---- Start ------------------------------------------------------------------------------------------------

function wireEvents() {
  element('join-form').addEventListener('submit', onCodeSubmitted);
  element('room-code').addEventListener('input', () => {
    if (app.joinError) {
      app.joinError = '';
      render();
    }
  });
  element('poll-form').addEventListener('submit', onVoteSubmitted);
  element('poll-form').addEventListener('input', onFormInput);
  element('poll-form').addEventListener('change', onFormInput);
  element('reconnect-now').addEventListener('click', retryNow);
  for (const button of document.querySelectorAll('.language'))
    button.addEventListener('click', () => setLanguage(button.dataset.lang, true));
  window.addEventListener('online', () => {
    render();
    retryNow();
  });
  window.addEventListener('offline', render);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    // A phone that slept may hold a socket that died meanwhile: check it now rather than at the next ping.
    if (isConnected()) ping();
    else retryNow();
  });
}

async function start() {
  wireEvents();
  await setLanguage(preferredLanguage(), false);
  const room = roomFromAddress();
  if (room === null || room === '') {
    showCodeForm('', '');
    return;
  }
  if (!isPlausibleRoom(room)) {
    showCodeForm(room, 'invalid-code');
    return;
  }
  app.room = room;
  join();
}

start();
