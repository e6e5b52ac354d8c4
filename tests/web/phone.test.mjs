// End-to-end test of the phone page: Debian chromium driven by playwright-core on a phone viewport, against the
// real audience server (lectern-webharness: the demo event on 127.0.0.1, an ephemeral port, commands on stdin).
// A phone joins with the room code, votes, sees its vote acknowledged, changes it, sees results, survives server
// restarts, shows an XSS payload as text, speaks Japanese. Every check that fails ends the run with exit code 1.
// Environment: see webtest.mjs.

import { join } from 'node:path';

import {
  CheckFailed,
  catalog,
  check,
  checkEqual,
  checkLayout,
  createRun,
  fill,
  screenshotDir,
  waitHidden,
  waitState,
  waitText,
  waitVisible,
  WAIT_MS,
} from './webtest.mjs';

const RUN_TIMEOUT_MS = 240_000;
/** Reconnecting waits out the page's backoff (1 s doubling, with jitter) after the server was down. */
const RECONNECT_WAIT_MS = 45_000;
const XSS_PAYLOAD = '<img src=x onerror="window.__xss=1">';

const en = catalog('en');
const ja = catalog('ja');
const run = createRun('phone page', 'phone-FAILED.png');
const { step, watchPage } = run;

// ---- Checks -----------------------------------------------------------------------------------------------

// WebSocket frames between the page and the server, seen through playwright's WebSocket routing (which also lets
// the test hold the server's acks back).
const frames = [];
const frameEvents = new EventTarget();
const socketRoute = { connections: 0, pageSides: new Map(), holdAcks: false, heldAcks: [] };

function recordFrame(connection, direction, text) {
  let message = null;
  try {
    message = JSON.parse(text);
  } catch {
    message = { unparsed: text };
  }
  frames.push({ connection, direction, message });
  frameEvents.dispatchEvent(new Event('frame'));
  return message;
}

/** Resolves once predicate() holds after a frame (or at once); fails after timeout. */
function untilFrames(predicate, what, timeout = WAIT_MS) {
  return new Promise((resolve, reject) => {
    if (predicate()) {
      resolve();
      return;
    }
    const onFrame = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      frameEvents.removeEventListener('frame', onFrame);
      resolve();
    };
    const timer = setTimeout(() => {
      frameEvents.removeEventListener('frame', onFrame);
      reject(new CheckFailed(`timed out waiting for ${what}`));
    }, timeout);
    frameEvents.addEventListener('frame', onFrame);
  });
}

const sent = (type) => frames.filter((frame) => frame.direction === 'out' && frame.message.type === type);
const received = (type) => frames.filter((frame) => frame.direction === 'in' && frame.message.type === type);

async function routeSockets(context) {
  await context.routeWebSocket(/\/ws$/, (page) => {
    const connection = ++socketRoute.connections;
    const server = page.connectToServer();
    socketRoute.pageSides.set(connection, page);
    page.onMessage((text) => {
      recordFrame(connection, 'out', text);
      server.send(text);
    });
    server.onMessage((text) => {
      const message = recordFrame(connection, 'in', text);
      if (socketRoute.holdAcks && message.type === 'ack') socketRoute.heldAcks.push({ connection, message, text });
      else page.send(text);
    });
    page.onClose((code, reason) => server.close({ code, reason }));
    server.onClose((code, reason) => page.close({ code, reason }));
  });
}

/** The results as the page shows them: {voters, rows: {label: value text}, mine: [labels]}. */
function shownBars(page) {
  return page.evaluate(() => {
    const rows = {};
    const mine = [];
    for (const row of document.querySelectorAll('#results-bars .bar')) {
      const label = row.querySelector('.bar-label').firstChild.textContent;
      rows[label] = row.querySelector('.bar-value').textContent;
      if (row.classList.contains('is-mine')) mine.push(label);
    }
    return { voters: document.querySelector('#results-voters').textContent, rows, mine };
  });
}

async function screenshot(page, name) {
  if (!screenshotDir) return;
  await page.screenshot({ path: join(screenshotDir, `phone-${name}.png`), fullPage: true });
}

/** A vote the page sends: the frame, once it is there. */
async function voteSent(answer, after) {
  await untilFrames(() => sent('vote').length > after, `the page to send a vote for ${answer}`);
  const vote = sent('vote')[after].message;
  checkEqual(vote.answer, answer, 'the answer sent');
  return vote;
}

// ---- The run ----------------------------------------------------------------------------------------------

async function body(harness, browser) {
  const { port, room } = await harness.nextLine('its address');
  check(Number.isInteger(port) && port > 0, `the harness reported no port: ${port}`);
  check(/^[A-Z0-9]{6}$/.test(room), `the harness reported no room code: ${room}`);
  const base = `http://127.0.0.1:${port}`;

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    colorScheme: 'light',
  });
  await routeSockets(context);
  const page = await context.newPage();
  watchPage(page, 'phone');
  run.setPageOnFailure(page);

  await step('a page without a room code asks for it', async () => {
    await page.goto(`${base}/`);
    await waitVisible(page, '#join-view');
    await waitText(page, '#join-heading', en['join.heading']);
    await waitVisible(page, '#room-code');
    checkEqual(await page.evaluate(() => document.activeElement?.id), 'room-code', 'the focused field');
    await checkLayout(page, 'the code form');
    await screenshot(page, 'join');
  });

  await step('a wrong room code is refused in words and the code form comes back', async () => {
    await page.fill('#room-code', 'W0RONG'); // no room code has a zero
    await page.click('#join-form button[type="submit"]');
    await page.waitForURL(`${base}/j/W0RONG`);
    await waitText(page, '#join-message', en['error.wrong-room']);
    await waitVisible(page, '#join-view');
    await screenshot(page, 'wrong-room');
  });

  await step('joining with the room code (typed in lower case with a dash)', async () => {
    await page.fill('#room-code', `${room.slice(0, 3).toLowerCase()}-${room.slice(3).toLowerCase()}`);
    await page.click('#join-form button[type="submit"]');
    await page.waitForURL(`${base}/j/${room}`);
    await waitText(page, '#waiting-heading', en['waiting.heading']);
    await waitText(page, '#connection-text', en['conn.connected']);
    const device = await page.evaluate((room) => localStorage.getItem(`lectern.device.${room}`), room);
    check(/^[A-Za-z0-9_-]{22}$/.test(device ?? ''), `the device token kept in localStorage: ${device}`);
    const hello = sent('hello').at(-1)?.message;
    checkEqual(hello, { type: 'hello', protocol: 1, room, device }, 'the hello');
    await checkLayout(page, 'waiting');
    await screenshot(page, 'waiting');
  });

  await step('a poll the speaker opens appears with its options', async () => {
    await harness.command('open uses-uv');
    await waitText(page, '#poll-question', 'Do you use uv?');
    await waitText(page, '#poll-hint', en['poll.hint.single']);
    const options = await page.locator('#poll-inputs input[type="radio"]').evaluateAll((inputs) =>
      inputs.map((input) => [input.value, input.closest('label').textContent]));
    checkEqual(options, [['yes', 'Yes'], ['no', 'No'], ['what-is-uv', 'What is uv?']], 'the options');
    await waitText(page, '#vote-button', en['poll.submit']);
    await checkLayout(page, 'the poll');
    await screenshot(page, 'poll');
  });

  await step('"Your vote is in" appears only once the server acknowledged the vote', async () => {
    socketRoute.holdAcks = true;
    await page.getByLabel('Yes', { exact: true }).check();
    await page.click('#vote-button');
    const vote = await voteSent(['yes'], 0);
    check(Number.isInteger(vote.id) && vote.id >= 1 && vote.id <= 2 ** 31 - 1, `vote id ${vote.id}`);
    await untilFrames(() => socketRoute.heldAcks.length === 1, 'the ack from the server');
    checkEqual(socketRoute.heldAcks[0].message.id, vote.id, 'the id acknowledged');
    await waitState(page, '#vote-status', 'sending');
    await waitText(page, '#vote-status .status-main', en['poll.sending']);
    checkEqual(await page.getByText(en['poll.voteIn']).count(), 0, 'confirmations shown before the ack');
    await screenshot(page, 'sending');
    socketRoute.holdAcks = false;
    for (const held of socketRoute.heldAcks.splice(0)) socketRoute.pageSides.get(held.connection).send(held.text);
    await waitState(page, '#vote-status', 'in');
    await waitText(page, '#vote-status .status-main', en['poll.voteIn']);
  });

  await step('the results count one vote for Yes, on the server and on the phone', async () => {
    const results = await harness.results('uses-uv');
    checkEqual([results.voters, results.count], [1, { yes: 1, no: 0, 'what-is-uv': 0 }], 'server results');
    // showResults afterVoting: this phone answered, so it sees the results.
    await waitVisible(page, '#results');
    await waitText(page, '#results-voters', fill(en['results.voters.one'], { n: 1 }));
    const bars = await shownBars(page);
    checkEqual(bars.rows, {
      Yes: fill(en['results.value'], { votes: fill(en['results.votes.one'], { n: 1 }), percent: 100 }),
      No: fill(en['results.value'], { votes: fill(en['results.votes.other'], { n: 0 }), percent: 0 }),
      'What is uv?': fill(en['results.value'], { votes: fill(en['results.votes.other'], { n: 0 }), percent: 0 }),
    }, 'the bars');
    checkEqual(bars.mine, ['Yes'], 'the answer marked as this phone\'s');
    const live = await page.locator('#results').getAttribute('aria-live');
    checkEqual(live, 'polite', 'aria-live of the results');
    await checkLayout(page, 'voted with results');
    await screenshot(page, 'voted');
  });

  await step('changing the vote to No counts the phone once', async () => {
    await waitText(page, '#vote-button', en['poll.change']);
    await page.getByLabel('No', { exact: true }).check();
    await page.click('#vote-button');
    const vote = await voteSent(['no'], 1);
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.id), 'the ack');
    await waitState(page, '#vote-status', 'in');
    const results = await harness.results('uses-uv');
    checkEqual([results.voters, results.count], [1, { yes: 0, no: 1, 'what-is-uv': 0 }], 'server results');
    await page.waitForFunction(() => document.querySelector('#results-bars .bar.is-mine .bar-label')?.firstChild
      .textContent === 'No');
    const bars = await shownBars(page);
    const oneVote = fill(en['results.value'], { votes: fill(en['results.votes.one'], { n: 1 }), percent: 100 });
    checkEqual(bars.rows.No, oneVote, 'the No bar');
    checkEqual(bars.voters, fill(en['results.voters.one'], { n: 1 }), 'voters shown');
  });

  await step('an unacknowledged vote is sent again once on the connection after the server restarts', async () => {
    socketRoute.holdAcks = true;
    await page.getByLabel('What is uv?', { exact: true }).check();
    await page.click('#vote-button');
    const vote = await voteSent(['what-is-uv'], 2);
    await untilFrames(() => socketRoute.heldAcks.length === 1, 'the ack from the server');
    socketRoute.heldAcks.length = 0; // lost with the connection
    socketRoute.holdAcks = false;
    const connectionBefore = socketRoute.connections;
    await harness.command('restart');
    await untilFrames(() => sent('vote').some((frame) => frame.connection > connectionBefore),
                      'the vote sent again on the new connection', RECONNECT_WAIT_MS);
    await waitState(page, '#vote-status', 'in');
    const again = sent('vote').filter((frame) => frame.message.id === vote.id);
    checkEqual(again.length, 2, 'times the vote was sent (first, then once after the restart)');
    check(again[1].connection > connectionBefore, 'the vote went again on a new connection');
    checkEqual(again[1].message.answer, ['what-is-uv'], 'the answer sent again');
    const welcome = received('welcome').filter((frame) => frame.connection === again[1].connection);
    checkEqual(welcome.length, 1, 'welcomes on the new connection before the vote');
    const results = await harness.results('uses-uv');
    checkEqual([results.voters, results.count], [1, { yes: 0, no: 0, 'what-is-uv': 1 }], 'server results');
  });

  await step('a closed poll says voting has closed and keeps the answer in view', async () => {
    await harness.command('close uses-uv');
    await waitText(page, '#poll-closed', en['poll.closed']);
    await waitHidden(page, '#vote-button');
    check(await page.getByLabel('What is uv?', { exact: true }).isChecked(), 'the recorded answer is checked');
    check(await page.getByLabel('Yes', { exact: true }).isDisabled(), 'the options are disabled');
    await waitVisible(page, '#results');
    await screenshot(page, 'closed');
  });

  await step('a vote made while the server is down is sent once when it is back, and acknowledged', async () => {
    await harness.command('reopen uses-uv');
    await waitHidden(page, '#poll-closed');
    await waitState(page, '#vote-status', 'in');
    await harness.command('stop');
    await waitState(page, '#connection', 'retrying');
    await waitText(page, '#connection-text', en['conn.reconnecting']);
    const votesBefore = sent('vote').length;
    await page.getByLabel('Yes', { exact: true }).check();
    await page.click('#vote-button');
    await waitState(page, '#vote-status', 'queued');
    await waitText(page, '#vote-status .status-main', en['poll.queued']);
    await checkLayout(page, 'offline with a queued vote');
    await screenshot(page, 'offline-queued');
    checkEqual(sent('vote').length, votesBefore, 'votes sent while the server was down');
    const connectionBefore = socketRoute.connections;
    await harness.command('start');
    await untilFrames(() => sent('vote').length > votesBefore, 'the queued vote', RECONNECT_WAIT_MS);
    const vote = sent('vote')[votesBefore];
    checkEqual(vote.message.answer, ['yes'], 'the queued answer');
    check(vote.connection > connectionBefore, 'the queued vote went on a new connection');
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.message.id), 'its ack');
    await waitState(page, '#vote-status', 'in');
    await waitText(page, '#connection-text', en['conn.connected']);
    const results = await harness.results('uses-uv');
    checkEqual([results.voters, results.count], [1, { yes: 1, no: 0, 'what-is-uv': 0 }], 'server results');

    // Acknowledged now: another reconnect (hello, welcome, poll) sends nothing more.
    const connectionNow = socketRoute.connections;
    await harness.command('restart');
    await untilFrames(() => received('poll').some((frame) => frame.connection > connectionNow),
                      'the poll on the next connection', RECONNECT_WAIT_MS);
    await waitText(page, '#connection-text', en['conn.connected']);
    checkEqual(sent('vote').filter((frame) => frame.message.id === vote.message.id).length, 1,
               'times the queued vote was sent');
    checkEqual(sent('vote').length, votesBefore + 1, 'votes sent in all');
    const status = await harness.command('status');
    checkEqual(status.phones, 1, 'phones connected to the restarted server');
  });

  await step('a multiple-choice poll takes up to its maximum of options', async () => {
    await harness.command('add-poll multiple tools');
    await harness.command('open tools');
    await waitText(page, '#poll-question', 'Which tools keep your Python honest?');
    await waitText(page, '#poll-hint', fill(en['poll.hint.multiple.other'], { n: 2 }));
    await page.getByLabel('pytest', { exact: true }).check();
    await page.getByLabel('Ruff', { exact: true }).check();
    check(await page.getByLabel('mypy', { exact: true }).isDisabled(), 'a third option is disabled at the maximum');
    await screenshot(page, 'multiple');
    const before = sent('vote').length;
    await page.click('#vote-button');
    const vote = await voteSent(['pytest', 'ruff'], before);
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.id), 'the ack');
    await waitState(page, '#vote-status', 'in');
    const results = await harness.results('tools');
    checkEqual([results.voters, results.count], [1, { pytest: 1, mypy: 0, ruff: 1, hypothesis: 0 }], 'server results');
    const bars = await shownBars(page);
    checkEqual(bars.mine, ['pytest', 'Ruff'], 'the answers marked as this phone\'s');
  });

  await step('an open-text poll counts characters and lists the answers as text only while revealed', async () => {
    await harness.command('add-poll text next');
    await harness.command('open next');
    await waitText(page, '#poll-question', 'What should the next meetup be about?');
    const answer = 'Testing async code & <b>packaging</b>';
    await page.fill('#poll-inputs textarea', answer);
    await waitText(page, '#poll-inputs .counter', fill(en['poll.counter'], { n: [...answer].length, max: 300 }));
    const before = sent('vote').length;
    await page.click('#vote-button');
    const vote = await voteSent([answer], before);
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.id), 'the ack');
    const answerInResults = () =>
      page.evaluate((answer) => document.querySelector('#results').textContent.includes(answer), answer);

    // showResults afterVoting, not revealed: how many answered, not what they wrote.
    await waitText(page, '#results-voters', fill(en['results.voters.one'], { n: 1 }));
    await waitText(page, '#results-pending', en['results.notShown']);
    const textResults = () => received('results').filter((frame) => frame.message.poll === 'next');
    check(textResults().length > 0, 'the phone got no results message for the open-text poll');
    check(textResults().every((frame) => !('counts' in frame.message)), 'the server sent counts before the reveal');
    checkEqual(await page.locator('#results-words .word').count(), 0, 'answers listed before the reveal');
    checkEqual(await answerInResults(), false, 'the answer in the results before the reveal');
    await checkLayout(page, 'open text, answers not shown yet');
    await screenshot(page, 'text-not-shown');

    await harness.command('reveal next');
    await waitText(page, '#results-words .word-text', answer);
    await waitHidden(page, '#results-pending');
    checkEqual(await page.locator('#results-words b').count(), 0, 'elements made from the answer');
    await checkLayout(page, 'open text');
    await screenshot(page, 'text');

    await harness.command('hide next');
    await waitText(page, '#results-pending', en['results.notShown']);
    await waitText(page, '#results-voters', fill(en['results.voters.one'], { n: 1 }));
    checkEqual(await page.locator('#results-words .word').count(), 0, 'answers listed after hiding');
    checkEqual(await answerInResults(), false, 'the answer in the results after hiding');
  });

  await step('third session: a word-cloud answer with markup shows as text after reveal, runs nothing', async () => {
    // The demo's polls belong to its sessions: the word cloud to the third, on stage from now on.
    await harness.command('present 2');
    await harness.command('open test-suite-word');
    await waitText(page, '#poll-question', 'One word for your test suite');
    await page.fill('#poll-inputs input[type="text"]', XSS_PAYLOAD);
    const before = sent('vote').length;
    await page.click('#vote-button');
    const vote = await voteSent([XSS_PAYLOAD], before);
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.id), 'the ack');
    await waitState(page, '#vote-status', 'in');
    await waitHidden(page, '#results'); // afterReveal, not revealed yet
    await harness.command('reveal test-suite-word');
    const results = await harness.results('test-suite-word');
    checkEqual(results.counts.map((entry) => entry.answer), [XSS_PAYLOAD], 'the word the server counted');
    await waitText(page, '#results-words .word-text', XSS_PAYLOAD);
    checkEqual(await page.evaluate(() => window.__xss), undefined, 'window.__xss');
    checkEqual(await page.evaluate(() => document.querySelectorAll('img').length), 1, '<img> elements (the logo)');
    checkEqual(await page.evaluate(() => document.querySelectorAll('[onerror]').length), 0, 'onerror attributes');
    await checkLayout(page, 'the revealed word cloud');
    await screenshot(page, 'wordcloud-revealed');
  });

  await step('an answer the speaker hides leaves the phone\'s results', async () => {
    await harness.command(`hide-answer test-suite-word ${XSS_PAYLOAD}`);
    await waitText(page, '#results-empty', en['results.empty']);
    checkEqual(await page.locator('#results-words .word').count(), 0, 'words listed');
  });

  await step('in the second session, a rating shows its labelled ends, and the average once revealed', async () => {
    await harness.command('present 1');
    await harness.command('open python-robustness');
    await waitText(page, '#poll-question', 'How robust is your Python today?');
    await waitText(page, '.rating-low', 'held together by hope');
    await waitText(page, '.rating-high', 'typed, tested, pinned');
    await page.locator('#poll-inputs input[value="4"]').check();
    const before = sent('vote').length;
    await page.click('#vote-button');
    const vote = await voteSent(['4'], before);
    await untilFrames(() => received('ack').some((frame) => frame.message.id === vote.id), 'the ack');
    await harness.command('reveal python-robustness');
    await waitText(page, '#results-summary', fill(en['results.average'], { value: '4.0' }));
    await checkLayout(page, 'the rating');
    await screenshot(page, 'rating-revealed');
  });

  await step('the 日本語 switch changes the texts and is remembered', async () => {
    await page.click('button[data-lang="ja"]');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await waitText(page, '#results-heading', ja['results.heading']);
    await waitText(page, '#vote-status .status-main', ja['poll.voteIn']);
    await waitText(page, '#vote-button', ja['poll.change']);
    await waitText(page, '#poll-hint', ja['poll.hint.rating']);
    checkEqual(await page.getAttribute('button[data-lang="ja"]', 'aria-pressed'), 'true', '日本語 pressed');
    await screenshot(page, 'japanese');
    await page.reload();
    await waitText(page, '#vote-status .status-main', ja['poll.voteIn']);
    check(await page.locator('#poll-inputs input[value="4"]').isChecked(), 'the recorded rating after a reload');
    await page.click('button[data-lang="en"]');
    await waitText(page, '#vote-status .status-main', en['poll.voteIn']);
    await waitText(page, '#results-heading', en['results.heading']);
  });

  await step('at 320 px in dark mode the page fits the screen', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    checkEqual(background, 'rgb(14, 17, 23)', 'the dark background');
    await checkLayout(page, '320 px dark');
    await screenshot(page, 'rating-320-dark');
    await harness.command('present 0');
    await harness.command('reopen uses-uv');
    await waitText(page, '#poll-question', 'Do you use uv?');
    await checkLayout(page, '320 px dark, choice poll');
    await screenshot(page, 'poll-320-dark');
  });

  await step('a phone whose browser prefers Japanese votes in Japanese over a plain WebSocket', async () => {
    const japanese = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    });
    const phone = await japanese.newPage();
    watchPage(phone, 'Japanese phone');
    await phone.goto(`${base}/j/${room}`);
    await waitText(phone, '#poll-question', 'Do you use uv?');
    await waitText(phone, '#poll-hint', ja['poll.hint.single']);
    checkEqual(await phone.evaluate(() => document.documentElement.lang), 'ja', 'the page language');
    await phone.getByLabel('What is uv?', { exact: true }).check();
    await phone.click('#vote-button');
    await waitText(phone, '#vote-status .status-main', ja['poll.voteIn']);
    await waitText(phone, '#results-voters', fill(ja['results.voters.other'], { n: 2 }));
    await screenshot(phone, 'japanese-voted');
    const results = await harness.results('uses-uv');
    checkEqual([results.voters, results.count], [2, { yes: 1, no: 0, 'what-is-uv': 1 }], 'server results');
    await japanese.close();
  });

  run.checkProblems();
  await context.close();
}

await run.main(body, RUN_TIMEOUT_MS);
