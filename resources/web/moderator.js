// Lectern moderator page: every question of the session on stage, grouped by state, with the moderator's actions
// (approve, hide, pin, answer, merge, block the author), the approval queue and the blocked words; which session of
// the agenda is on stage, and the downloads of the event's exports (CSV, JSON, PDF report, handouts). The secret
// token is in the page's address (/m/TOKEN). Protocol: app/core/server/PROTOCOL.md, "Moderator". Everything that comes
// from the network or the audience goes into the page as text (textContent), never as HTML.

import {
  applyLanguage, clearRetry, closeSocket, element, errorText, i18n, isConnected, nextRequestId, openSocket, placeItems,
  preferredLanguage, PROTOCOL_VERSION, readAgenda, readMessage, renderBehind, renderConnectionBar, send, sendPing,
  setText, span, startPing, startRetry, stopPing, t, tn, wireCommonEvents
} from './common.js';

const MAX_BLOCKED_WORDS = 200;
const MAX_BLOCKED_WORD_LENGTH = 40;
/** How much of a question an entry of the "Merge into" list shows. */
const MERGE_TARGET_LENGTH = 70;

/** The groups of the page, each listing the questions in these states. */
const GROUP_STATES = {
  pinned: ['pinned'],
  waiting: ['waiting'],
  shown: ['shown'],
  answered: ['answered'],
  hidden: ['hidden'],
  unanswered: ['unanswered'],
  other: ['merged', 'withdrawn'],
};
/** Groups shown even while empty: the ones a moderator works in. */
const ALWAYS_SHOWN_GROUPS = ['pinned', 'waiting', 'shown'];
const STATES = Object.values(GROUP_STATES).flat();
/** The merge list offers the questions still open. */
const MERGE_TARGET_STATES = ['waiting', 'shown', 'pinned'];
/** The export formats of PROTOCOL.md's `GET /m/{token}/export/{format}`. */
const EXPORT_FORMATS = ['csv', 'json', 'pdf', 'handout'];

/** The actions of PROTOCOL.md's `moderate`, the states that offer each, and the words on its button. */
const ACTIONS = [
  { action: 'approve', states: ['waiting'], key: 'mod.action.approve', kind: 'primary' },
  { action: 'approve', states: ['hidden'], key: 'mod.action.showAgain', kind: 'primary' },
  { action: 'pin', states: ['shown'], key: 'mod.action.pin', kind: 'primary' },
  { action: 'unpin', states: ['pinned'], key: 'mod.action.unpin', kind: 'plain' },
  { action: 'answer', states: ['shown', 'pinned', 'unanswered'], key: 'mod.action.answer', kind: 'plain' },
  { action: 'hide', states: ['waiting', 'shown', 'pinned', 'answered', 'unanswered'], key: 'mod.action.hide',
    kind: 'danger' },
];

// ---- Strings ----------------------------------------------------------------------------------------------

async function setLanguage(language, remember) {
  if (!(await applyLanguage(language, remember))) return;
  ui.mergeKey = ''; // the merge lists' first entry is in words
  render();
}

// ---- State ------------------------------------------------------------------------------------------------

const app = {
  token: '',
  phase: 'start', // start | connecting | ready | forbidden
  socket: null,
  serial: 0,
  connection: 'idle', // idle | connecting | open | retrying
  attempts: 0,
  retryTimer: 0,
  retryAction: null,
  pingTimer: 0,
  pongTimer: 0,
  closeReason: '',
  nextRequestId: 1 + Math.floor(Math.random() * 1_000_000_000),
};

/** The moderation view as the server last sent it. */
const mod = {
  session: '',
  approval: false,
  blockedWords: [],
  questions: [], // in the order asked
  byId: new Map(),
  busy: new Map(), // request id → question id (0 for settings)
  approvalRequest: 0,
  approvalWanted: false,
  wordsRequest: 0,
  wordsWanted: [],
  wordsDirty: false, // the organizer edited the blocked words since they were last saved or loaded
  wordsSaved: false,
  wordsError: '', // a catalog key, or text already in words
  error: '',
  agenda: null, // the event's agenda (readAgenda()); null until the server sends it
};

const ui = {
  items: new Map(), // question id → the parts of its card
  mergeKey: '',
  exportKey: '', // what the export links were last made for
};

function tokenFromAddress() {
  const match = /^\/m\/([^/]+)\/?$/.exec(window.location.pathname);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return '';
  }
}

// ---- Connection -------------------------------------------------------------------------------------------

function connect() {
  clearRetry(app);
  dropSocket();
  app.closeReason = '';
  app.connection = 'connecting';
  render();
  const opened = openSocket(app, {
    onOpen: () => send(app, { type: 'moderator', protocol: PROTOCOL_VERSION, token: app.token }),
    onMessage,
    onClosed,
  });
  if (!opened) scheduleRetry();
}

function dropSocket() {
  closeSocket(app);
  forgetRequests();
}

function onClosed(code) {
  app.socket = null;
  stopPing(app);
  forgetRequests();
  if (code === 4001 || app.closeReason === 'forbidden') {
    showForbidden();
    return;
  }
  scheduleRetry();
}

function showForbidden() {
  clearRetry(app);
  dropSocket();
  app.phase = 'forbidden';
  app.connection = 'idle';
  render();
}

function scheduleRetry() {
  startRetry(app, connect);
  app.connection = 'retrying';
  render();
}

function ping() {
  sendPing(app, () => {
    dropSocket();
    scheduleRetry();
  });
}

function onMessage(data) {
  const message = readMessage(app, data);
  if (!message) return;
  switch (message.type) {
    case 'moderation':
      if (app.connection !== 'open') {
        app.attempts = 0;
        app.connection = 'open';
        startPing(app, ping);
      }
      app.phase = 'ready';
      onModeration(message);
      break;
    case 'done':
      onDone(message);
      break;
    case 'agenda':
      mod.agenda = readAgenda(message);
      render();
      break;
    case 'error':
      onError(message);
      break;
    default:
      break; // pong, and types of a later protocol
  }
}

// ---- Moderation -------------------------------------------------------------------------------------------

const isId = (value) => Number.isInteger(value) && value > 0;
const timeOf = (value) => (Number.isFinite(value) ? new Date(value) : null);

function readQuestion(raw) {
  if (!raw || typeof raw !== 'object' || !isId(raw.id) || !STATES.includes(raw.state)) return null;
  return {
    id: raw.id,
    state: raw.state,
    text: typeof raw.text === 'string' ? raw.text : '',
    name: typeof raw.name === 'string' ? raw.name : '',
    votes: Number.isFinite(raw.votes) ? Math.max(0, Math.trunc(raw.votes)) : 0,
    askedAt: timeOf(raw.askedAt),
    answeredAt: timeOf(raw.answeredAt),
    mergedInto: isId(raw.mergedInto) ? raw.mergedInto : 0,
    authorBlocked: raw.authorBlocked === true,
  };
}

function onModeration(message) {
  mod.session = typeof message.session === 'string' ? message.session : '';
  mod.approval = message.approval === true;
  mod.blockedWords = Array.isArray(message.blockedWords)
    ? message.blockedWords.filter((word) => typeof word === 'string')
    : [];
  mod.questions = (Array.isArray(message.questions) ? message.questions : []).map(readQuestion).filter(Boolean);
  mod.byId = new Map(mod.questions.map((question) => [question.id, question]));
  if (!mod.wordsDirty) element('blocked-words').value = mod.blockedWords.join('\n');
  render();
}

function onDone(message) {
  if (!mod.busy.has(message.id)) return;
  mod.busy.delete(message.id);
  // Committed: the `moderation` that shows it follows; until then the page shows what was asked for.
  if (message.id === mod.wordsRequest) {
    mod.wordsRequest = 0;
    mod.wordsSaved = true;
    mod.wordsDirty = false;
    mod.blockedWords = mod.wordsWanted;
    element('blocked-words').value = mod.blockedWords.join('\n');
  }
  if (message.id === mod.approvalRequest) {
    mod.approvalRequest = 0;
    mod.approval = mod.approvalWanted;
  }
  render();
}

function onError(message) {
  const code = typeof message.code === 'string' ? message.code : 'unknown';
  const detail = typeof message.message === 'string' ? message.message : '';
  if (detail) console.info(`Lectern server: ${code}: ${detail}`);
  if (code === 'forbidden') {
    app.closeReason = code; // the server closes the connection next
    return;
  }
  if (code === 'rate-limited' && app.connection !== 'open') {
    // The address has no join left for a token: try again later rather than wait on an open connection.
    dropSocket();
    scheduleRetry();
    return;
  }
  // invalid-action carries the reason in the laptop's language; the other codes get this page's words.
  const text = code === 'invalid-action' && detail ? t('mod.invalidAction', { reason: detail }) : errorText(code);
  if (mod.busy.has(message.id)) mod.busy.delete(message.id);
  if (message.id !== undefined && message.id === mod.wordsRequest) {
    mod.wordsRequest = 0;
    mod.wordsError = text;
  } else {
    if (message.id !== undefined && message.id === mod.approvalRequest) mod.approvalRequest = 0;
    mod.error = text;
  }
  render();
}

/** The connection is gone: requests not answered yet will never be; the next `moderation` has the truth. */
function forgetRequests() {
  mod.busy.clear();
  mod.approvalRequest = 0;
  mod.wordsRequest = 0;
}

function request(message, questionId) {
  mod.error = '';
  if (!isConnected(app)) {
    mod.error = t('mod.offline');
    render();
    return 0;
  }
  const id = nextRequestId(app);
  if (!send(app, { ...message, id })) return 0;
  mod.busy.set(id, questionId);
  render();
  return id;
}

function moderate(action, questionId, into) {
  const message = { type: 'moderate', action, question: questionId };
  if (action === 'merge') message.into = into;
  request(message, questionId);
}

function onApprovalChanged() {
  const wanted = element('approval').checked;
  mod.approvalWanted = wanted;
  mod.approvalRequest = request({ type: 'settings', approval: wanted }, 0);
  if (!mod.approvalRequest) render();
}

/** The organizer's list: commas (also 、 and ，) or new lines between words; spaces around them do not count. */
function parseWords(text) {
  const words = [];
  for (const part of text.split(/[,\n\r、，]/)) {
    const word = part.trim();
    if (word && !words.includes(word)) words.push(word);
  }
  return words;
}

function onWordsSubmitted(event) {
  event.preventDefault();
  if (mod.wordsRequest) return;
  const words = parseWords(element('blocked-words').value);
  mod.wordsSaved = false;
  mod.wordsError = '';
  const long = words.find((word) => [...word].length > MAX_BLOCKED_WORD_LENGTH);
  if (words.length > MAX_BLOCKED_WORDS) {
    mod.wordsError = t('mod.wordsTooMany', { max: i18n.numbers.format(MAX_BLOCKED_WORDS) });
  } else if (long !== undefined) {
    mod.wordsError = t('mod.wordTooLong', { max: i18n.numbers.format(MAX_BLOCKED_WORD_LENGTH), word: long });
  } else {
    mod.wordsWanted = words;
    mod.wordsRequest = request({ type: 'settings', blockedWords: words }, 0);
    if (!mod.wordsRequest) mod.wordsError = t('mod.offline');
  }
  render();
}

function onWordsInput() {
  mod.wordsDirty = true;
  mod.wordsSaved = false;
  mod.wordsError = '';
  render();
}

function isBusy(questionId) {
  for (const id of mod.busy.values()) if (id === questionId) return true;
  return false;
}

// ---- Rendering --------------------------------------------------------------------------------------------

function render() {
  const ready = app.phase === 'ready';
  element('forbidden-view').hidden = app.phase !== 'forbidden';
  element('loading-view').hidden = app.phase === 'ready' || app.phase === 'forbidden';
  element('mod-view').hidden = !ready;
  renderConnection();
  const session = element('session-title');
  setText(session, mod.session);
  session.hidden = !mod.session || !ready;
  const title = mod.session && ready ? `${t('mod.title')} · ${mod.session}` : `${t('mod.title')} · ${t('app.name')}`;
  if (document.title !== title) document.title = title;
  if (ready) {
    renderStage();
    renderSettings();
    renderGroups();
    renderExports();
  }
}

function renderConnection() {
  renderConnectionBar(app.phase === 'forbidden' ? 'idle' : app.connection);
}

/** Which session of the agenda is on stage ("Session 2 of 4"), its title and speaker, and how late the event runs. */
function renderStage() {
  const agenda = mod.agenda;
  element('mod-stage').hidden = agenda === null;
  if (!agenda) return;
  const session = agenda.sessions.find((entry) => entry.index === agenda.onStage) ?? null;
  setText(element('stage-position'), session
    ? t('mod.stagePosition', {
      n: i18n.numbers.format(session.index + 1),
      count: i18n.numbers.format(agenda.sessions.length),
    })
    : t('mod.noStage'));
  const title = element('stage-title');
  setText(title, session ? [session.title, session.speaker].filter(Boolean).join(' · ') : ''); // organizer text
  title.hidden = !session;
  renderBehind(element('stage-behind'), agenda.behindMinutes);
}

/**
 * The export links: `/m/TOKEN/export/FORMAT`, with `session=N` (1-based) for one session's handout and `names=0`
 * when the names are to be left out. Plain links: the browser downloads what the server renders.
 */
function exportAddress(format, session, withoutNames) {
  const query = new URLSearchParams();
  if (session > 0) query.set('session', String(session));
  if (withoutNames) query.set('names', '0');
  const search = query.toString();
  return `/m/${encodeURIComponent(app.token)}/export/${format}${search ? `?${search}` : ''}`;
}

function renderExports() {
  const withoutNames = element('export-no-names').checked;
  const sessions = mod.agenda ? mod.agenda.sessions : [];
  const key = JSON.stringify([i18n.language, app.token, withoutNames,
                              sessions.map((session) => [session.index, session.title])]);
  if (key === ui.exportKey) return;
  ui.exportKey = key;
  for (const link of document.querySelectorAll('#export-event .export-link')) {
    if (EXPORT_FORMATS.includes(link.dataset.format)) link.href = exportAddress(link.dataset.format, 0, withoutNames);
  }
  const items = sessions.map((session) => {
    const number = session.index + 1;
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.className = 'export-link';
    link.dataset.format = 'handout';
    link.dataset.session = String(number);
    link.download = '';
    link.href = exportAddress('handout', number, withoutNames);
    link.append(span('export-label', t('mod.export.sessionHandout', { n: i18n.numbers.format(number) })),
                span('export-hint', session.title)); // organizer text: textContent only
    item.append(link);
    return item;
  });
  element('export-sessions').replaceChildren(...items);
  element('export-sessions-part').hidden = items.length === 0;
}

function renderSettings() {
  const approval = element('approval');
  if (!mod.approvalRequest) approval.checked = mod.approval;
  approval.disabled = mod.approvalRequest !== 0;
  setText(element('words-summary'), `${t('mod.wordsLabel')} · ${tn('mod.wordsCount', mod.blockedWords.length)}`);
  const save = element('words-save');
  setText(save, t(mod.wordsRequest ? 'mod.wordsSaving' : 'mod.wordsSave'));
  save.disabled = mod.wordsRequest !== 0;
  setText(element('words-status'), mod.wordsSaved ? t('mod.wordsSaved') : '');
  setText(element('words-message'), mod.wordsError);
  setText(element('mod-error'), mod.error);
}

function renderGroups() {
  const groups = new Map(Object.keys(GROUP_STATES).map((group) => [group, []]));
  for (const question of mod.questions) {
    for (const [group, states] of Object.entries(GROUP_STATES)) {
      if (states.includes(question.state)) groups.get(group).push(question);
    }
  }
  // The console's order: most votes first, then the time asked. Waiting ones in the order they came.
  groups.get('shown').sort((a, b) => b.votes - a.votes || a.id - b.id);
  groups.get('answered').sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0) || b.id - a.id); // latest first
  updateMergeTargets();
  for (const [group, questions] of groups) {
    const section = document.querySelector(`.mod-group[data-group="${group}"]`);
    section.hidden = questions.length === 0 && !ALWAYS_SHOWN_GROUPS.includes(group);
    setText(section.querySelector('.group-count'), i18n.numbers.format(questions.length));
    section.querySelector('.group-empty').hidden = questions.length > 0;
    placeItems(section.querySelector('.mod-list'), questions.map(questionCard));
  }
  for (const [id, item] of ui.items) {
    if (!mod.byId.has(id)) {
      item.row.remove();
      ui.items.delete(id);
    }
  }
}

function shortText(text, length) {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}

/** Every card's "Merge into" list offers the other open questions; rebuilt only when they change. */
function updateMergeTargets() {
  const targets = mod.questions.filter((question) => MERGE_TARGET_STATES.includes(question.state));
  const key = JSON.stringify([i18n.language, targets.map((question) => [question.id, question.text])]);
  if (key === ui.mergeKey) return;
  ui.mergeKey = key;
  for (const [id, item] of ui.items) fillMergeSelect(item.mergeSelect, id, targets);
}

function fillMergeSelect(select, ownId, targets) {
  const chosen = select.value;
  select.replaceChildren();
  const prompt = document.createElement('option');
  prompt.value = '';
  prompt.textContent = t('mod.mergeChoose');
  select.append(prompt);
  for (const target of targets) {
    if (target.id === ownId) continue;
    const option = document.createElement('option');
    option.value = String(target.id);
    option.textContent = `#${target.id} · ${shortText(target.text, MERGE_TARGET_LENGTH)}`; // audience text as text
    select.append(option);
  }
  select.value = [...select.options].some((option) => option.value === chosen) ? chosen : '';
}

function button(className, onClick) {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.addEventListener('click', onClick);
  return node;
}

/** The card of a question, made once and brought up to date on every `moderation` message. */
function questionCard(question) {
  let item = ui.items.get(question.id);
  if (!item) {
    const id = question.id;
    const row = document.createElement('li');
    row.className = 'mq';
    row.dataset.id = String(id);
    const text = document.createElement('p');
    text.className = 'q-text mq-text';
    const meta = document.createElement('p');
    meta.className = 'mq-meta';
    const votes = span('mq-votes', '');
    const name = span('q-name mq-name', ''); // the weight and style of app.css's .q-name
    const time = span('mq-time', '');
    const blocked = span('q-tag mq-blocked', '');
    meta.append(votes, name, time, blocked);
    const merged = document.createElement('p');
    merged.className = 'mq-note';
    const actions = document.createElement('div');
    actions.className = 'mq-actions';
    const actionButtons = ACTIONS.map((entry) => {
      const node = button(`mq-action mq-${entry.kind}`, () => moderate(entry.action, id));
      node.dataset.action = entry.action;
      actions.append(node);
      return { entry, node };
    });
    const merge = document.createElement('div');
    merge.className = 'mq-merge';
    const mergeSelect = document.createElement('select');
    mergeSelect.className = 'mq-merge-select';
    const mergeLabel = document.createElement('label');
    mergeLabel.className = 'visually-hidden';
    mergeLabel.htmlFor = mergeSelect.id = `merge-${id}`;
    const mergeButton = button('mq-action mq-plain', () => {
      const into = Number.parseInt(mergeSelect.value, 10);
      if (isId(into)) moderate('merge', id, into);
    });
    mergeButton.dataset.action = 'merge';
    mergeSelect.addEventListener('change', () => {
      mergeButton.disabled = !mergeSelect.value || isBusy(id);
    });
    merge.append(mergeLabel, mergeSelect, mergeButton);
    const block = button('mq-action mq-block', () =>
      moderate(mod.byId.get(id)?.authorBlocked ? 'unblock' : 'block', id));
    block.dataset.action = 'block';
    actions.append(merge, block);
    row.append(text, meta, merged, actions);
    item = { row, text, votes, name, time, blocked, merged, actionButtons, merge, mergeSelect, mergeLabel,
             mergeButton, block };
    ui.items.set(id, item);
    fillMergeSelect(mergeSelect, id,
                    mod.questions.filter((other) => MERGE_TARGET_STATES.includes(other.state)));
  }
  const busy = isBusy(question.id);
  item.row.dataset.state = question.state;
  item.row.classList.toggle('is-busy', busy);
  setText(item.text, question.text); // audience text: textContent only
  setText(item.votes, tn('qa.votes', question.votes));
  setText(item.name, question.name || t('qa.anonymous'));
  item.name.classList.toggle('is-anonymous', !question.name);
  setText(item.time, question.askedAt ? t('mod.askedAt', { time: i18n.time.format(question.askedAt) }) : '');
  item.time.hidden = !question.askedAt;
  setText(item.blocked, t('mod.authorBlocked'));
  item.blocked.hidden = !question.authorBlocked;
  let note = '';
  if (question.state === 'merged') {
    const into = mod.byId.get(question.mergedInto);
    note = t('mod.mergedInto', { text: into ? `#${into.id} · ${shortText(into.text, MERGE_TARGET_LENGTH)}` : '' });
  } else if (question.state === 'withdrawn') {
    note = t('qa.state.withdrawn');
  }
  setText(item.merged, note);
  item.merged.hidden = !note;
  for (const { entry, node } of item.actionButtons) {
    node.hidden = !entry.states.includes(question.state);
    node.disabled = busy;
    setText(node, t(entry.key));
  }
  // A duplicate is merged while it is still open: waiting (a repeat of a shown one), shown or pinned.
  item.merge.hidden = !MERGE_TARGET_STATES.includes(question.state);
  setText(item.mergeLabel, t('mod.mergeInto'));
  item.mergeSelect.disabled = busy;
  item.mergeButton.disabled = busy || !item.mergeSelect.value;
  setText(item.mergeButton, t('mod.action.merge'));
  item.block.disabled = busy;
  item.block.dataset.blocked = String(question.authorBlocked);
  setText(item.block, t(question.authorBlocked ? 'mod.action.unblock' : 'mod.action.block'));
  return item.row;
}

// ---- Start ------------------------------------------------------------------------------------------------

function wireEvents() {
  element('approval').addEventListener('change', onApprovalChanged);
  element('words-form').addEventListener('submit', onWordsSubmitted);
  element('blocked-words').addEventListener('input', onWordsInput);
  element('export-no-names').addEventListener('change', render);
  wireCommonEvents(app, { setLanguage, render, ping });
}

async function start() {
  wireEvents();
  await setLanguage(preferredLanguage(), false);
  app.token = tokenFromAddress();
  if (!app.token) {
    showForbidden();
    return;
  }
  app.phase = 'connecting';
  connect();
}

start();
