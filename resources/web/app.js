// Lectern phone page: joins the room, shows the current poll, sends the vote, shows results when allowed; in the
// Questions tab, asks the speaker questions, upvotes the audience's, follows the state of its own; in the Agenda
// tab, the event's sessions with their planned times, the one on stage, the organizer's links and the deck download.
// Protocol: app/core/server/PROTOCOL.md (version 1). Everything that comes from the network or the audience
// goes into the page as text (textContent, createTextNode), never as HTML.

import {
  applyLanguage, clearRetry, closeSocket, element, errorKey, errorText, i18n, isConnected, nextRequestId, openSocket,
  placeItems, preferredLanguage, PROTOCOL_VERSION, readAgenda, readMessage, renderBehind, renderConnectionBar, send,
  sendPing, setText, span, startPing, startRetry, stopPing, storage, t, tn, wireCommonEvents
} from './common.js';

const MAX_TEXT_LENGTH = 300;
const MAX_WORD_LENGTH = 40;
const MAX_QUESTION_LENGTH = 300;
const MAX_NAME_LENGTH = 40;
/** How long a first tap on "Withdraw" waits for the second one that confirms it. */
const WITHDRAW_CONFIRM_MS = 5_000;
const RATING_VALUES = ['1', '2', '3', '4', '5'];
const POLL_KINDS = ['single', 'multiple', 'rating', 'wordcloud', 'text'];
const RESULT_VISIBILITIES = ['never', 'afterVoting', 'afterReveal'];
const TAB_KEY = 'lectern.tab';
const TABS = ['poll', 'questions', 'agenda'];
const SORTS = ['top', 'newest'];
const AGENDA_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DEVICE_KEY_PREFIX = 'lectern.device.';

/** Every question state of PROTOCOL.md, with the words for it on the author's own question. */
const QUESTION_STATE_KEYS = {
  waiting: 'qa.state.waiting',
  shown: 'qa.state.shown',
  pinned: 'qa.state.pinned',
  answered: 'qa.state.answered',
  hidden: 'qa.state.hidden',
  merged: 'qa.state.merged',
  withdrawn: 'qa.state.withdrawn',
  unanswered: 'qa.state.unanswered',
};
/** States in which a question is listed for everyone. */
const VISIBLE_STATES = ['shown', 'pinned', 'answered', 'unanswered'];
/** States in which a question takes upvotes, and its author may withdraw it (plus waiting). */
const OPEN_STATES = ['shown', 'pinned'];
const WITHDRAWABLE_STATES = ['waiting', 'shown', 'pinned'];
/** The `reason` of an `invalid-question` error, and this page's own checks of the same. */
const QUESTION_REASON_KEYS = {
  empty: 'qa.invalid.empty',
  'too-long': 'qa.invalid.tooLong',
  'name-too-long': 'qa.invalid.nameTooLong',
};

// ---- Strings ----------------------------------------------------------------------------------------------

async function setLanguage(language, remember) {
  if (!(await applyLanguage(language, remember))) return;
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
  nextRequestId: 1 + Math.floor(Math.random() * 1_000_000_000),
  tab: 'poll', // poll | questions | agenda
  newPoll: false, // a poll opened while the Questions tab was in view
  agenda: null, // the event's agenda as the server last sent it (readAgenda()); null until it comes
};

/** The Q&A of the session on stage, as the server last described it. */
const qa = {
  approval: false,
  questions: new Map(), // id → {id, text, name, votes, state}: the visible questions
  yours: new Map(), // id → {id, text, name, votes, state, mergedInto}: this phone's, in every state but withdrawn
  upvoted: new Set(),
  sort: 'top',
  ask: null, // the question on its way: {id, text, name}
  askResult: '', // the state the last question was asked in: waiting | shown
  askedId: 0, // the last question asked: its confirmation goes once its state changes
  askError: '', // a catalog key
  askErrorSeconds: 0, // for qa.rateLimitedFor: when the server takes a question again
  listError: '', // a catalog key (upvotes)
  mineError: '', // a catalog key (withdrawals)
  upvotes: new Map(), // question id → {id, on}: upvotes sent, not yet committed
  withdrawals: new Map(), // question id → request id
  confirmWithdraw: 0, // the question whose "Withdraw" was tapped once
  confirmTimer: 0,
};

const ui = {
  formKey: '',
  formPollId: '',
  dirty: false, // the audience changed the answer in the form since it was last set from the server
  lastAnnouncedPoll: '',
  barRows: new Map(),
  wordItems: new Map(),
  questionItems: new Map(), // question id → the parts of its list item
  mineItems: new Map(), // question id → the parts of its item under "Your questions"
  agendaItems: new Map(), // session index → {key, row}: rebuilt only when what it shows changed
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
  clearRetry(app);
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

function connect() {
  clearRetry(app);
  dropSocket();
  app.awaitingFirstPoll = false;
  app.closeReason = '';
  setConnection('connecting');
  const opened = openSocket(app, {
    onOpen: () => send(app, { type: 'hello', protocol: PROTOCOL_VERSION, room: app.room, device: app.device }),
    onMessage,
    onClosed,
  });
  if (!opened) scheduleRetry(connect, 'network');
}

/** Forgets the current socket (its late events are ignored) and closes it. */
function dropSocket() {
  closeSocket(app);
  forgetQuestionRequests();
}

function stopConnection() {
  clearRetry(app);
  dropSocket();
}

function onClosed(code) {
  app.socket = null;
  stopPing(app);
  forgetQuestionRequests();
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

function scheduleRetry(action, reason, atLeastMs = 0) {
  startRetry(app, action, atLeastMs);
  setConnection('retrying', reason);
  render();
}

function setConnection(state, reason = '') {
  app.connection = state;
  app.connectionReason = reason;
}

/** Sends a ping; silence after it means the Wi-Fi dropped without the socket noticing, so start over. */
function ping() {
  sendPing(app, () => {
    dropSocket();
    scheduleRetry(connect, 'network');
  });
}

function onMessage(data) {
  const message = readMessage(app, data);
  if (!message) return;
  switch (message.type) {
    case 'welcome':
      app.attempts = 0;
      app.awaitingFirstPoll = true;
      app.phase = 'joined';
      if (typeof message.event === 'string' && message.event) setTitles(message.event, message.session);
      setConnection('open');
      startPing(app, ping);
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
    case 'questions':
      onQuestions(message);
      break;
    case 'questionUpdates':
      onQuestionUpdates(message);
      break;
    case 'yours':
      onYours(message.questions);
      break;
    case 'asked':
      onAsked(message);
      break;
    case 'upvoted':
      onUpvoted(message);
      break;
    case 'withdrawn':
      onWithdrawn(message);
      break;
    case 'agenda':
      onAgenda(message);
      break;
    case 'error':
      if (!onQuestionError(message)) onError(message);
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
    if (poll.state === 'open') {
      announce(t('poll.announce', { question: poll.question }));
      if (shownTab() !== 'poll') app.newPoll = true;
    }
  }
  if (!poll || poll.state !== 'open') app.newPoll = false;
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
    app.pending = { id: nextRequestId(app), poll: poll.id, answer, sentOn: 0 };
    if (isConnected(app)) sendPending();
  }
  render();
}

function sendPending() {
  const pending = app.pending;
  const vote = { type: 'vote', id: pending.id, poll: pending.poll, answer: pending.answer };
  if (send(app, vote)) pending.sentOn = app.serial;
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

function render() {
  const joined = app.phase === 'joined';
  element('join-view').hidden = app.phase !== 'code';
  element('joining-view').hidden = !(app.phase === 'joining' || app.phase === 'start');
  const tab = shownTab();
  element('poll-panel').hidden = !joined || tab !== 'poll';
  element('waiting-view').hidden = !(joined && app.poll === null);
  element('poll-view').hidden = !(joined && app.poll !== null);
  element('questions-view').hidden = !joined || tab !== 'questions';
  element('agenda-view').hidden = !joined || tab !== 'agenda';
  renderTitles();
  renderConnection();
  renderTabs();
  if (app.phase === 'code') setText(element('join-message'), app.joinError ? errorText(app.joinError) : '');
  if (joined && app.poll) renderPoll(app.poll);
  if (joined) renderQuestions();
  if (joined) renderAgenda();
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
  const state = app.phase === 'code' ? 'idle' : app.connection;
  const reason = app.connectionReason;
  renderConnectionBar(state, reason && reason !== 'network' ? errorText(reason) : '');
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
    const sent = isConnected(app) && app.pending.sentOn === app.serial;
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

// ---- Questions --------------------------------------------------------------------------------------------

const isQuestionId = (value) => Number.isInteger(value) && value > 0;
const arrayOf = (value) => (Array.isArray(value) ? value : []);

/** A question object of the protocol; text and name stay plain strings, shown with textContent only. */
function readQuestion(raw) {
  if (!raw || typeof raw !== 'object' || !isQuestionId(raw.id) || !(raw.state in QUESTION_STATE_KEYS)) return null;
  return {
    id: raw.id,
    state: raw.state,
    text: typeof raw.text === 'string' ? raw.text : null,
    name: typeof raw.name === 'string' ? raw.name : '',
    votes: Number.isFinite(raw.votes) ? Math.max(0, Math.trunc(raw.votes)) : null,
    mergedInto: isQuestionId(raw.mergedInto) ? raw.mergedInto : 0,
  };
}

/** The question as known, with what an update carries (an update without text keeps the text known). */
function mergeQuestion(known, update) {
  if (!known) return { ...update, text: update.text ?? '', votes: update.votes ?? 0 };
  return {
    ...known,
    state: update.state,
    text: update.text ?? known.text,
    name: update.text === null ? known.name : update.name,
    votes: update.votes ?? known.votes,
    mergedInto: update.mergedInto,
  };
}

function onQuestions(message) {
  qa.approval = message.approval === true;
  qa.questions.clear();
  for (const raw of arrayOf(message.questions)) {
    const question = readQuestion(raw);
    if (question && VISIBLE_STATES.includes(question.state) && question.text !== null)
      qa.questions.set(question.id, mergeQuestion(null, question));
  }
  setYours(message.yours, false);
  qa.upvoted = new Set(arrayOf(message.upvoted).filter(isQuestionId));
  if (typeof message.session === 'string' && message.session) setTitles(app.eventTitle, message.session);
  render();
}

/** A question of a `questionUpdates` whose votes alone changed: `{id, votes}`, without a state; else null. */
function readVotesOnly(raw) {
  if (!raw || typeof raw !== 'object' || 'state' in raw || !isQuestionId(raw.id) || !Number.isFinite(raw.votes))
    return null;
  return { id: raw.id, votes: Math.max(0, Math.trunc(raw.votes)) };
}

function onQuestionUpdates(message) {
  for (const raw of arrayOf(message.questions)) {
    const votesOnly = readVotesOnly(raw);
    if (votesOnly) {
      // A question this page does not list yet comes whole once it may see it: until then there is nothing to count.
      const known = qa.questions.get(votesOnly.id);
      if (known) qa.questions.set(votesOnly.id, { ...known, votes: votesOnly.votes });
      const mine = qa.yours.get(votesOnly.id);
      if (mine) qa.yours.set(votesOnly.id, { ...mine, votes: votesOnly.votes });
      continue;
    }
    const update = readQuestion(raw);
    if (!update) continue;
    const known = qa.questions.get(update.id);
    if (!VISIBLE_STATES.includes(update.state)) {
      qa.questions.delete(update.id); // left the visible states: its text leaves the page
    } else if (known || update.text !== null) {
      qa.questions.set(update.id, mergeQuestion(known, update));
    }
    const mine = qa.yours.get(update.id);
    if (mine && update.state !== 'withdrawn') qa.yours.set(update.id, mergeQuestion(mine, update));
  }
  render();
}

function onYours(list) {
  setYours(list, true);
  render();
}

/** This phone's questions as the server lists them; a state that changed is announced. */
function setYours(list, announceChanges) {
  const next = new Map();
  for (const raw of arrayOf(list)) {
    const question = readQuestion(raw);
    if (!question || question.state === 'withdrawn') continue;
    next.set(question.id, mergeQuestion(qa.yours.get(question.id), question));
  }
  if (announceChanges) {
    for (const [id, question] of next) {
      const before = qa.yours.get(id);
      if (before && before.state !== question.state)
        announce(t('qa.yoursChanged', { state: t(QUESTION_STATE_KEYS[question.state]) }));
    }
  }
  const asked = next.get(qa.askedId);
  if (qa.askResult && (!asked || asked.state !== qa.askResult)) qa.askResult = '';
  qa.yours = next;
  if (qa.confirmWithdraw && !next.has(qa.confirmWithdraw)) cancelWithdrawConfirmation();
}

function onAsked(message) {
  const question = readQuestion(message.question);
  if (!qa.ask || message.id !== qa.ask.id || !question) return;
  qa.ask = null;
  qa.askError = '';
  qa.askResult = question.state === 'waiting' ? 'waiting' : 'shown';
  qa.askedId = question.id;
  element('ask-text').value = '';
  qa.yours.set(question.id, mergeQuestion(qa.yours.get(question.id), question));
  if (VISIBLE_STATES.includes(question.state) && question.text !== null)
    qa.questions.set(question.id, mergeQuestion(qa.questions.get(question.id), question));
  render();
}

function onUpvoted(message) {
  if (!isQuestionId(message.question)) return;
  if (message.on === true) qa.upvoted.add(message.question);
  else if (message.on === false) qa.upvoted.delete(message.question);
  if (qa.upvotes.get(message.question)?.id === message.id) qa.upvotes.delete(message.question);
  render();
}

function onWithdrawn(message) {
  if (!isQuestionId(message.question)) return;
  qa.withdrawals.delete(message.question);
  if (qa.yours.delete(message.question)) announce(t('qa.withdrawnDone'));
  qa.questions.delete(message.question);
  if (qa.confirmWithdraw === message.question) cancelWithdrawConfirmation();
  render();
}

/** An error that answers one of this page's question requests; false when it answers something else. */
function onQuestionError(message) {
  const id = message.id;
  if (!isQuestionId(id)) return false;
  const code = typeof message.code === 'string' ? message.code : 'unknown';
  if (qa.ask && qa.ask.id === id) {
    qa.ask = null;
    qa.askResult = '';
    if (code === 'invalid-question') qa.askError = QUESTION_REASON_KEYS[message.reason] ?? errorKey(code);
    else if (code === 'rate-limited') {
      // The server says when a question will be taken again; without that, "in a little while".
      const seconds = Number.isInteger(message.retryAfter) && message.retryAfter > 0 ? message.retryAfter : 0;
      qa.askError = seconds ? 'qa.rateLimitedFor' : 'qa.rateLimited';
      qa.askErrorSeconds = seconds;
    }
    else if (code === 'question-closed') qa.askError = 'qa.noSession'; // asked while no session is on stage
    else qa.askError = errorKey(code);
    render();
    element('ask-text').focus();
    return true;
  }
  for (const [question, request] of qa.upvotes) {
    if (request.id !== id) continue;
    qa.upvotes.delete(question);
    qa.listError = errorKey(code);
    render();
    return true;
  }
  for (const [question, request] of qa.withdrawals) {
    if (request !== id) continue;
    qa.withdrawals.delete(question);
    qa.mineError = errorKey(code);
    render();
    return true;
  }
  return false;
}

/**
 * The connection is gone: requests not answered yet will never be. Upvotes and withdrawals show the server's
 * state again (the next `questions` message brings it); a question on its way may or may not have arrived.
 */
function forgetQuestionRequests() {
  qa.upvotes.clear();
  qa.withdrawals.clear();
  if (qa.ask) {
    qa.ask = null;
    qa.askError = 'qa.askLost';
  }
}

function isUpvoted(id) {
  const pending = qa.upvotes.get(id);
  return pending ? pending.on : qa.upvoted.has(id);
}

function onAskSubmitted(event) {
  event.preventDefault();
  if (qa.ask) return;
  const textField = element('ask-text');
  const nameField = element('ask-name');
  const text = textField.value.trim();
  const name = nameField.value.trim();
  let problem = '';
  if (!text) problem = QUESTION_REASON_KEYS.empty;
  else if ([...text].length > MAX_QUESTION_LENGTH) problem = QUESTION_REASON_KEYS['too-long'];
  else if ([...name].length > MAX_NAME_LENGTH) problem = QUESTION_REASON_KEYS['name-too-long'];
  else if (!isConnected(app)) problem = 'qa.offline';
  qa.askResult = '';
  qa.askError = problem;
  if (!problem) {
    const id = nextRequestId(app);
    const message = { type: 'ask', id, text };
    if (name) message.name = name;
    if (send(app, message)) qa.ask = { id, text, name };
    else qa.askError = 'qa.offline';
  }
  renderQuestions();
  if (problem === QUESTION_REASON_KEYS['name-too-long']) nameField.focus();
  else if (problem) textField.focus();
}

function onAskInput() {
  if (qa.askError || qa.askResult) {
    qa.askError = '';
    qa.askResult = '';
  }
  renderQuestions();
}

function onUpvoteClicked(id) {
  const question = qa.questions.get(id);
  if (!question || !OPEN_STATES.includes(question.state)) return;
  qa.listError = '';
  const on = !isUpvoted(id);
  const requestId = nextRequestId(app);
  if (isConnected(app) && send(app, { type: 'upvote', id: requestId, question: id, on }))
    qa.upvotes.set(id, { id: requestId, on });
  else qa.listError = 'qa.offline';
  renderQuestions();
}

/** The first tap asks for a second one; the second sends the withdrawal. */
function onWithdrawClicked(id) {
  const mine = qa.yours.get(id);
  if (!mine || !WITHDRAWABLE_STATES.includes(mine.state) || qa.withdrawals.has(id)) return;
  qa.mineError = '';
  if (qa.confirmWithdraw !== id) {
    cancelWithdrawConfirmation();
    qa.confirmWithdraw = id;
    qa.confirmTimer = window.setTimeout(() => {
      qa.confirmTimer = 0;
      cancelWithdrawConfirmation();
      renderQuestions();
    }, WITHDRAW_CONFIRM_MS);
    renderQuestions();
    return;
  }
  cancelWithdrawConfirmation();
  const requestId = nextRequestId(app);
  if (isConnected(app) && send(app, { type: 'withdraw', id: requestId, question: id }))
    qa.withdrawals.set(id, requestId);
  else qa.mineError = 'qa.offline';
  renderQuestions();
}

function cancelWithdrawConfirmation() {
  if (qa.confirmTimer) window.clearTimeout(qa.confirmTimer);
  qa.confirmTimer = 0;
  qa.confirmWithdraw = 0;
}

function setTab(tab, remember) {
  if (!TABS.includes(tab)) return;
  app.tab = tab;
  if (tab === 'poll') app.newPoll = false;
  if (remember) storage.set(TAB_KEY, tab);
  render();
}

function setSort(sort) {
  if (!SORTS.includes(sort)) return;
  qa.sort = sort;
  renderQuestions();
}

/** Top: most votes first, ties by the time asked (as the speaker's console orders them); newest: latest first. */
function compareQuestions(a, b) {
  if (qa.sort === 'top' && a.votes !== b.votes) return b.votes - a.votes;
  return qa.sort === 'newest' ? b.id - a.id : a.id - b.id;
}

function openQuestionCount() {
  let count = 0;
  for (const question of qa.questions.values()) if (OPEN_STATES.includes(question.state)) count += 1;
  return count;
}

/** The tabs this page offers now: the Agenda tab once the server sent an agenda. */
function availableTabs() {
  return app.agenda ? TABS : TABS.filter((tab) => tab !== 'agenda');
}

/** The tab in view: the one chosen, unless it is not offered (yet). */
function shownTab() {
  return availableTabs().includes(app.tab) ? app.tab : 'poll';
}

function renderTabs() {
  element('tabs').hidden = app.phase !== 'joined';
  element('tab-agenda').hidden = app.agenda === null;
  const shown = shownTab();
  for (const button of document.querySelectorAll('.tab')) {
    const selected = button.dataset.tab === shown;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
  }
  element('tab-poll-new').hidden = !app.newPoll;
  const count = openQuestionCount();
  const counter = element('tab-questions-count');
  setText(counter, count > 0 ? i18n.numbers.format(count) : '');
  counter.hidden = count === 0;
}

function renderQuestions() {
  const textField = element('ask-text');
  const used = [...textField.value].length;
  const counter = element('ask-counter');
  setText(counter, t('poll.counter', {
    n: i18n.numbers.format(used),
    max: i18n.numbers.format(MAX_QUESTION_LENGTH),
  }));
  counter.dataset.over = String(used > MAX_QUESTION_LENGTH);
  textField.readOnly = qa.ask !== null;
  element('ask-approval').hidden = !qa.approval;
  const button = element('ask-button');
  setText(button, t(qa.ask ? 'qa.asking' : 'qa.ask'));
  button.disabled = qa.ask !== null;
  const status = element('ask-status');
  status.dataset.state = qa.askResult;
  setText(status, qa.askResult === 'waiting' ? t('qa.askedWaiting') : qa.askResult ? t('qa.askedShown') : '');
  const askError =
    qa.askError === 'qa.rateLimitedFor' ? tn('qa.rateLimitedFor', qa.askErrorSeconds) : qa.askError ? t(qa.askError) : '';
  setText(element('ask-error'), askError);
  for (const sortButton of document.querySelectorAll('.sort-button'))
    sortButton.setAttribute('aria-pressed', String(sortButton.dataset.sort === qa.sort));
  renderMine();
  renderQuestionLists();
  renderTabs();
}

function renderQuestionLists() {
  const all = [...qa.questions.values()];
  const pinned = all.filter((question) => question.state === 'pinned').sort(compareQuestions);
  const open = all.filter((question) => question.state === 'shown').sort(compareQuestions);
  const done = all.filter((question) => !OPEN_STATES.includes(question.state)).sort(compareQuestions);
  element('qa-pinned').hidden = pinned.length === 0;
  element('qa-empty').hidden = open.length > 0 || pinned.length > 0;
  element('qa-done').hidden = done.length === 0;
  setText(element('qa-done-summary'), tn('qa.doneSummary', done.length));
  setText(element('qa-error'), qa.listError ? t(qa.listError) : '');
  placeItems(element('qa-pinned-list'), pinned.map(questionItem));
  placeItems(element('qa-list'), open.map(questionItem));
  placeItems(element('qa-done-list'), done.map(questionItem));
  forgetItems(ui.questionItems, qa.questions);
}

/** Removes the list items (kept by question id) of questions no longer in current. */
function forgetItems(items, current) {
  for (const [id, item] of items) {
    if (!current.has(id)) {
      item.row.remove();
      items.delete(id);
    }
  }
}

/** The list item of a visible question, made once and brought up to date. */
function questionItem(question) {
  let item = ui.questionItems.get(question.id);
  if (!item) {
    const row = document.createElement('li');
    row.className = 'q';
    row.dataset.id = String(question.id);
    const body = document.createElement('div');
    body.className = 'q-body';
    const text = document.createElement('p');
    text.className = 'q-text';
    const meta = document.createElement('p');
    meta.className = 'q-meta';
    const name = span('q-name', '');
    const mine = span('q-tag q-mine', '');
    const state = span('q-tag q-state', '');
    meta.append(name, mine, state);
    body.append(text, meta);
    const upvote = document.createElement('button');
    upvote.type = 'button';
    upvote.className = 'upvote';
    const arrow = span('upvote-arrow', '▲');
    arrow.setAttribute('aria-hidden', 'true');
    const count = span('upvote-count', '');
    upvote.append(arrow, count);
    const votes = span('q-votes', '');
    row.append(body, upvote, votes);
    item = { row, text, name, mine, state, upvote, count, votes };
    ui.questionItems.set(question.id, item);
  }
  const open = OPEN_STATES.includes(question.state);
  item.row.dataset.state = question.state;
  setText(item.text, question.text); // audience text: textContent only
  setText(item.name, question.name || t('qa.anonymous'));
  item.name.classList.toggle('is-anonymous', !question.name);
  const isMine = qa.yours.has(question.id);
  item.row.classList.toggle('is-mine', isMine);
  item.mine.hidden = !isMine;
  setText(item.mine, t('qa.yoursTag'));
  item.state.hidden = open;
  setText(item.state, open ? '' : t(QUESTION_STATE_KEYS[question.state]));
  item.upvote.hidden = !open;
  item.votes.hidden = open;
  const votes = tn('qa.votes', question.votes);
  setText(item.votes, votes);
  setText(item.count, i18n.numbers.format(question.votes));
  const upvoted = isUpvoted(question.id);
  item.upvote.setAttribute('aria-pressed', String(upvoted));
  item.upvote.dataset.pending = String(qa.upvotes.has(question.id));
  const label = t(upvoted ? 'qa.upvotedLabel' : 'qa.upvoteLabel', { votes });
  if (item.upvote.getAttribute('aria-label') !== label) item.upvote.setAttribute('aria-label', label);
  return item.row;
}

function renderMine() {
  const mine = [...qa.yours.values()].sort((a, b) => b.id - a.id);
  element('mine').hidden = mine.length === 0 && !qa.mineError;
  setText(element('mine-error'), qa.mineError ? t(qa.mineError) : '');
  placeItems(element('mine-list'), mine.map(mineItem));
  forgetItems(ui.mineItems, qa.yours);
}

/** The item of one of this phone's questions: its text, its state in words, and "Withdraw" while it can be. */
function mineItem(question) {
  let item = ui.mineItems.get(question.id);
  if (!item) {
    const row = document.createElement('li');
    row.className = 'mine-item';
    row.dataset.id = String(question.id);
    const text = document.createElement('p');
    text.className = 'q-text';
    const meta = document.createElement('p');
    meta.className = 'mine-meta';
    const state = span('state-badge', '');
    const votes = span('mine-votes', '');
    meta.append(state, votes);
    const withdraw = document.createElement('button');
    withdraw.type = 'button';
    withdraw.className = 'secondary withdraw';
    row.append(text, meta, withdraw);
    item = { row, text, state, votes, withdraw };
    ui.mineItems.set(question.id, item);
  }
  item.row.dataset.state = question.state;
  setText(item.text, question.text); // audience text: textContent only
  setText(item.state, t(QUESTION_STATE_KEYS[question.state]));
  const counted = VISIBLE_STATES.includes(question.state);
  item.votes.hidden = !counted;
  setText(item.votes, counted ? tn('qa.votes', question.votes) : '');
  const withdrawing = qa.withdrawals.has(question.id);
  const confirming = qa.confirmWithdraw === question.id;
  item.withdraw.hidden = !WITHDRAWABLE_STATES.includes(question.state);
  item.withdraw.disabled = withdrawing;
  item.withdraw.dataset.confirm = String(confirming);
  setText(item.withdraw, t(withdrawing ? 'qa.withdrawing' : confirming ? 'qa.withdrawConfirm' : 'qa.withdraw'));
  return item.row;
}

// ---- Agenda -----------------------------------------------------------------------------------------------

function onAgenda(message) {
  const agenda = readAgenda(message);
  const before = app.agenda;
  app.agenda = agenda;
  const onStage = agenda.sessions.find((session) => session.index === agenda.onStage);
  if (onStage) {
    setTitles(agenda.title || app.eventTitle, onStage.title);
    if (before && before.onStage !== agenda.onStage) announce(t('agenda.nowOnStage', { title: onStage.title }));
  }
  render();
}

/** The event's date in the page's language ("Thursday, 26 November 2026"); as sent when it is no date. */
function formatEventDate(text) {
  const match = AGENDA_DATE.exec(text);
  if (!match) return text;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (date.getMonth() !== Number(match[2]) - 1 || date.getDate() !== Number(match[3])) return text; // 2026-02-30
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(date);
}

/** A file size in the page's language: "850 kB", "2.3 MB". */
function formatBytes(bytes) {
  const megabytes = bytes >= 1_000_000;
  return new Intl.NumberFormat(i18n.language, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / 1_000_000 : Math.max(1, bytes / 1_000));
}

function renderAgenda() {
  const agenda = app.agenda;
  if (!agenda) return;
  setText(element('agenda-title'), agenda.title || app.eventTitle || t('app.name'));
  const when = element('agenda-when');
  const date = formatEventDate(agenda.date);
  if (when.dataset.shows !== JSON.stringify([date, agenda.venue])) {
    when.dataset.shows = JSON.stringify([date, agenda.venue]);
    when.replaceChildren(...[date, agenda.venue].filter(Boolean).map((text) => span('agenda-when-line', text)));
  }
  when.hidden = !date && !agenda.venue;
  renderBehind(element('agenda-behind'), agenda.behindMinutes);
  const rows = agenda.sessions.map((session) => agendaItem(session, agenda.onStage));
  placeItems(element('agenda-list'), rows);
  for (const [index, item] of ui.agendaItems) {
    if (!agenda.sessions.some((session) => session.index === index)) {
      item.row.remove();
      ui.agendaItems.delete(index);
    }
  }
}

/** now: on stage; done: it ran and ended; later: still to come (or never started). */
function sessionState(session, onStage) {
  if (session.index === onStage) return 'now';
  return session.actualEnd ? 'done' : 'later';
}

function timeRange(start, end) {
  const node = document.createElement('span');
  const from = document.createElement('time');
  from.dateTime = start;
  from.textContent = start;
  node.append(from);
  if (end) {
    const to = document.createElement('time');
    to.dateTime = end;
    to.textContent = end;
    node.append('–', to);
  }
  return node;
}

/** The list item of a session, made again only when what it shows changed (links keep their focus). */
function agendaItem(session, onStage) {
  const state = sessionState(session, onStage);
  const key = JSON.stringify([i18n.language, state, session]);
  const known = ui.agendaItems.get(session.index);
  if (known && known.key === key) return known.row;

  const row = document.createElement('li');
  row.className = 'talk';
  row.dataset.index = String(session.index);
  row.dataset.state = state;
  if (state === 'now') row.setAttribute('aria-current', 'time');

  const head = document.createElement('p');
  head.className = 'talk-head';
  if (session.plannedStart) {
    const planned = timeRange(session.plannedStart, session.plannedEnd);
    planned.className = 'talk-planned';
    head.append(planned);
  }
  if (state !== 'later') head.append(span('talk-badge', t(state === 'now' ? 'agenda.onStage' : 'agenda.done')));
  const title = document.createElement('h2');
  title.className = 'talk-title';
  title.textContent = session.title; // organizer text: textContent only
  row.append(head, title);
  if (session.speaker) {
    const speaker = document.createElement('p');
    speaker.className = 'talk-speaker';
    speaker.textContent = session.speaker;
    row.append(speaker);
  }
  if (session.actualStart) {
    const actual = document.createElement('p');
    actual.className = 'talk-actual';
    actual.append(t(session.actualEnd ? 'agenda.ran' : 'agenda.started'), ' ',
                  timeRange(session.actualStart, session.actualEnd));
    row.append(actual);
  }
  if (session.materials.length > 0 || session.deck) {
    const links = document.createElement('ul');
    links.className = 'talk-links';
    for (const material of session.materials) links.append(materialLink(material));
    if (session.deck) links.append(deckLink(session.deck));
    row.append(links);
  }
  ui.agendaItems.set(session.index, { key, row });
  return row;
}

/** A material: its label, and under it the address it opens, in full (checked http or https by webAddress()). */
function materialLink(material) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'material';
  link.href = material.address;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  // Without a label the address itself is the link's text; with one, the address stands under it.
  link.append(span('material-label', material.label || material.address));
  if (material.label) link.append(span('material-url', material.address));
  item.append(link);
  return item;
}

function deckLink(deck) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'material deck-link';
  // The laptop gives decks to phones that joined: the device token goes with the request.
  link.href = `${deck.url}${deck.url.includes('?') ? '&' : '?'}device=${encodeURIComponent(app.device)}`;
  link.download = deck.name;
  const label = deck.bytes === null ? t('agenda.deck') : t('agenda.deckSize', { size: formatBytes(deck.bytes) });
  link.append(span('material-label', label));
  if (deck.name) link.append(span('material-url', deck.name));
  item.append(link);
  return item;
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
  for (const tab of document.querySelectorAll('.tab'))
    tab.addEventListener('click', () => setTab(tab.dataset.tab, true));
  element('tabs').addEventListener('keydown', onTabKey);
  element('ask-form').addEventListener('submit', onAskSubmitted);
  element('ask-text').addEventListener('input', onAskInput);
  element('ask-name').addEventListener('input', onAskInput);
  for (const button of document.querySelectorAll('.sort-button'))
    button.addEventListener('click', () => setSort(button.dataset.sort));
  element('questions-view').addEventListener('click', (event) => {
    const button = event.target.closest('button.upvote, button.withdraw');
    const id = Number.parseInt(button?.closest('li[data-id]')?.dataset.id ?? '', 10);
    if (!isQuestionId(id)) return;
    if (button.classList.contains('upvote')) onUpvoteClicked(id);
    else onWithdrawClicked(id);
  });
  wireCommonEvents(app, { setLanguage, render, ping });
}

/** Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern). */
function onTabKey(event) {
  const tabs = availableTabs();
  const index = tabs.indexOf(shownTab());
  let next = -1;
  if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
  else if (event.key === 'ArrowLeft') next = (index + tabs.length - 1) % tabs.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = tabs.length - 1;
  if (next < 0) return;
  event.preventDefault();
  setTab(tabs[next], true);
  element(`tab-${tabs[next]}`).focus();
}

async function start() {
  wireEvents();
  const tab = storage.get(TAB_KEY);
  if (TABS.includes(tab)) app.tab = tab;
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
