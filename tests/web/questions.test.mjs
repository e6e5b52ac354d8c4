// End-to-end test of the Q&A: phones ask and upvote on the phone page's Questions tab, a moderator approves, pins,
// merges and blocks on the moderator page, the speaker's keys run through the harness, and the console's model
// (the harness's `questions`: LiveQuestions::queue()) follows. Debian chromium driven by playwright-core: phones on
// a 390 × 844 viewport, the moderator on a tablet's, against the real audience server (lectern-webharness: the demo
// event on 127.0.0.1, an ephemeral port). Audience text with markup shows as text everywhere and runs nothing.
// Every check that fails ends the run with exit code 1. Environment: see webtest.mjs; with LECTERN_SCREENSHOT_DIR
// set, phone-questions.png, phone-questions-320-dark.png, phone-questions-ja.png, moderator.png and
// moderator-390-dark.png are written there.

import http from 'node:http';
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
  waitEqual,
  waitHidden,
  waitState,
  waitText,
  waitVisible,
} from './webtest.mjs';

const RUN_TIMEOUT_MS = 240_000;
/** Reconnecting waits out the pages' backoff (1 s doubling, with jitter) after the server was down. */
const RECONNECT_WAIT_MS = 45_000;
const IMG_PAYLOAD = '<img src=x onerror=window.__xss=1>';
const SCRIPT_PAYLOAD = '<script>window.__xss=1</script>';
const QUESTION_A = 'How do you test async code without flaky sleeps?';
const QUESTION_B = 'Is pytest-asyncio still needed on Python 3.12?';
const QUESTION_JA = '型ヒントはテストの代わりになりますか？';
const QUESTION_JA_WAITING = 'CIで一番時間がかかるのはどこですか？';
/** Only a zero-width space: not blank to the page, empty to the server once it removes invisible characters. */
const INVISIBLE_ONLY = '\u200b\u200b';

const en = catalog('en');
const ja = catalog('ja');
const run = createRun('questions', 'questions-FAILED.png');
const { step } = run;

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 1024, height: 1100 }, deviceScaleFactor: 1, hasTouch: true };

// ---- What the pages show ----------------------------------------------------------------------------------

/** The texts of the elements matching selector, in document order. */
const texts = (selector) => [...document.querySelectorAll(selector)].map((node) => node.textContent);

/** This phone's questions as "Your questions" lists them: [text, state, words for the state]. */
const mine = () =>
  [...document.querySelectorAll('#mine-list .mine-item')].map((item) => [
    item.querySelector('.q-text').textContent,
    item.dataset.state,
    item.querySelector('.state-badge').textContent,
  ]);

/** A listed question's votes and whether this phone upvoted it, by question id. */
const upvoteOf = (id) => {
  const button = document.querySelector(`.qa-list li[data-id="${id}"] .upvote`);
  return button ? [button.querySelector('.upvote-count').textContent, button.getAttribute('aria-pressed')] : null;
};

/** The moderator page's groups: {group: [texts]}, the groups in view only. */
const moderatorGroups = () => {
  const groups = {};
  for (const section of document.querySelectorAll('.mod-group')) {
    if (section.hidden) continue;
    groups[section.dataset.group] = [...section.querySelectorAll('.mq .mq-text')].map((node) => node.textContent);
  }
  return groups;
};

const xssProbe = () => ({
  xss: window.__xss ?? null,
  images: document.querySelectorAll('img').length,
  scripts: document.querySelectorAll('script').length,
  handlers: document.querySelectorAll('[onerror]').length,
});

async function screenshot(page, file) {
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, file), fullPage: true });
}

/** The console's model: the queue in LiveQuestions::queue() order as [text, votes, state], and the pinned id. */
async function consoleQueue(harness) {
  const answer = await harness.command('questions');
  return { ...answer, rows: answer.queue.map((entry) => [entry.text, entry.votes, entry.state]) };
}

async function waitQueue(harness, expected, what) {
  const deadline = Date.now() + 15_000;
  let queue;
  for (;;) {
    queue = await consoleQueue(harness);
    if (JSON.stringify(queue.rows) === JSON.stringify(expected)) return queue;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new CheckFailed(`${what}: the console's queue should be ${JSON.stringify(expected)} but is ${
    JSON.stringify(queue.rows)}`);
}

function idOf(queue, text) {
  const entry = queue.queue.find((question) => question.text === text);
  check(entry !== undefined, `the console's queue has no question "${text}"`);
  return entry.id;
}

/** The status code and JSON body of a GET, outside the browser. */
function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {
          // Not JSON: left null.
        }
        resolve({ status: response.statusCode, json });
      });
    }).on('error', reject);
  });
}

/** A phone on the room's page, in the Questions tab; its WebSocket messages to the server are recorded. */
async function openPhone(browser, base, room, name, options = {}) {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', colorScheme: 'light', ...options });
  const sent = [];
  await context.routeWebSocket(/\/ws$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((text) => {
      try {
        sent.push(JSON.parse(text));
      } catch {
        sent.push({ unparsed: text });
      }
      server.send(text);
    });
    server.onMessage((text) => socket.send(text));
    socket.onClose((code, reason) => server.close({ code, reason }));
    server.onClose((code, reason) => socket.close({ code, reason }));
  });
  const page = await context.newPage();
  run.watchPage(page, name);
  await page.goto(`${base}/j/${room}`);
  await waitVisible(page, '#tabs');
  await page.click('#tab-questions');
  await waitVisible(page, '#ask-form');
  return { context, page, sent };
}

async function ask(page, text, name = '') {
  await page.fill('#ask-text', text);
  await page.fill('#ask-name', name);
  await page.click('#ask-button');
}

// ---- The run ----------------------------------------------------------------------------------------------

async function body(harness, browser) {
  const { port, room } = await harness.nextLine('its address');
  check(Number.isInteger(port) && port > 0, `the harness reported no port: ${port}`);
  const base = `http://127.0.0.1:${port}`;
  let phoneA;
  let phoneB;
  let phoneC;
  let moderator;
  let idA = 0;
  let idB = 0;

  await step('two phones open the Questions tab; the approval queue is on', async () => {
    await harness.command('approval on');
    phoneA = await openPhone(browser, base, room, 'phone A');
    phoneB = await openPhone(browser, base, room, 'phone B');
    run.setPageOnFailure(phoneA.page);
    for (const { page } of [phoneA, phoneB]) {
      checkEqual(await page.getAttribute('#tab-questions', 'aria-selected'), 'true', 'the Questions tab selected');
      await waitHidden(page, '#poll-panel');
      await waitText(page, '#ask-approval', en['qa.approvalOn']);
      await waitText(page, '#qa-empty', en['qa.empty']);
      await waitText(page, '#ask-button', en['qa.ask']);
      await waitText(page, '#ask-counter', fill(en['poll.counter'], { n: 0, max: 300 }));
      await checkLayout(page, 'the empty Questions tab');
    }
  });

  await step('phone A asks; it waits for approval and phone B does not see it', async () => {
    await ask(phoneA.page, QUESTION_A, 'Aiko');
    await waitText(phoneA.page, '#ask-status', en['qa.askedWaiting']);
    await waitEqual(phoneA.page, mine, null, [[QUESTION_A, 'waiting', en['qa.state.waiting']]], 'phone A\'s questions');
    checkEqual(await phoneA.page.inputValue('#ask-text'), '', 'the question field after asking');
    const askMessage = phoneA.sent.find((message) => message.type === 'ask');
    checkEqual({ ...askMessage, id: 0 }, { type: 'ask', id: 0, text: QUESTION_A, name: 'Aiko' }, 'the ask message');
    checkEqual((await consoleQueue(harness)).rows, [], 'the console\'s queue (waiting questions are not in it)');
    await waitText(phoneB.page, '#qa-empty', en['qa.empty']);
    checkEqual(await phoneB.page.evaluate((text) => document.body.textContent.includes(text), QUESTION_A), false,
               'the waiting question\'s text on phone B');
  });

  await step('the moderator page approves it; both phones list it and phone A sees it shown', async () => {
    const { path } = await harness.command('moderator');
    check(/^\/m\/[A-Za-z0-9_-]{22,}$/.test(path), `the moderator path: ${path}`);
    const context = await browser.newContext({ ...TABLET, locale: 'en-US', colorScheme: 'light' });
    const page = await context.newPage();
    run.watchPage(page, 'moderator');
    moderator = { context, page };
    await page.goto(`${base}${path}`);
    await waitEqual(page, moderatorGroups, null, { pinned: [], waiting: [QUESTION_A], shown: [] },
                    'the moderator\'s groups');
    checkEqual(await page.isChecked('#approval'), true, 'the approval switch');
    await waitText(page, '.mq[data-state="waiting"] .mq-name', 'Aiko');
    await waitText(page, '.mq[data-state="waiting"] .mq-votes', fill(en['qa.votes.other'], { n: 0 }));
    await checkLayout(page, 'the moderator page', 44);
    await page.click(`.mq[data-state="waiting"] button[data-action="approve"]`);
    await waitEqual(page, moderatorGroups, null, { pinned: [], waiting: [], shown: [QUESTION_A] },
                    'the moderator\'s groups after approving');
    for (const { page: phone } of [phoneA, phoneB])
      await waitEqual(phone, texts, '#qa-list .q-text', [QUESTION_A], 'the list');
    await waitEqual(phoneA.page, mine, null, [[QUESTION_A, 'shown', en['qa.state.shown']]], 'phone A\'s questions');
    await waitText(phoneB.page, '#qa-list .q-name', 'Aiko');
    await waitVisible(phoneA.page, '#qa-list .q.is-mine .q-mine');
    checkEqual(await phoneB.page.locator('#qa-list .q.is-mine').count(), 0, 'questions marked as phone B\'s');
    const queue = await waitQueue(harness, [[QUESTION_A, 0, 'shown']], 'after approving');
    idA = idOf(queue, QUESTION_A);
  });

  await step('the moderator turns the approval queue off; phone B\'s question is shown at once', async () => {
    await moderator.page.click('#approval');
    await waitEqual(moderator.page, () => document.querySelector('#approval').checked, null, false, 'the switch');
    await waitHidden(phoneB.page, '#ask-approval');
    checkEqual((await consoleQueue(harness)).approval, false, 'the session\'s approval setting');
    await ask(phoneB.page, QUESTION_B);
    await waitText(phoneB.page, '#ask-status', en['qa.askedShown']);
    await waitEqual(phoneB.page, mine, null, [[QUESTION_B, 'shown', en['qa.state.shown']]], 'phone B\'s questions');
    for (const { page } of [phoneA, phoneB])
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_A, QUESTION_B], 'the list, by votes then age');
    await waitText(phoneA.page, `#qa-list li[data-id] .q-name.is-anonymous`, en['qa.anonymous']);
    const queue = await waitQueue(harness, [[QUESTION_A, 0, 'shown'], [QUESTION_B, 0, 'shown']], 'two questions');
    idB = idOf(queue, QUESTION_B);
  });

  await step('phone A upvotes B\'s question: the console\'s order changes, and both phones follow', async () => {
    await phoneA.page.click(`#qa-list li[data-id="${idB}"] .upvote`);
    await waitEqual(phoneA.page, upvoteOf, idB, ['1', 'true'], 'B\'s question on phone A');
    await waitEqual(phoneB.page, upvoteOf, idB, ['1', 'false'], 'B\'s question on phone B');
    await waitQueue(harness, [[QUESTION_B, 1, 'shown'], [QUESTION_A, 0, 'shown']], 'after the upvote');
    for (const { page } of [phoneA, phoneB])
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_B, QUESTION_A], 'the list after the upvote');
    await waitEqual(phoneB.page, mine, null, [[QUESTION_B, 'shown', en['qa.state.shown']]], 'phone B\'s questions');
    await waitText(phoneB.page, '#mine-list .mine-votes', fill(en['qa.votes.one'], { n: 1 }));
    await waitEqual(moderator.page, moderatorGroups, null, { pinned: [], waiting: [], shown: [QUESTION_B, QUESTION_A] },
                    'the moderator\'s order');
  });

  await step('tapping again takes the upvote back, and a third tap gives it again', async () => {
    await phoneA.page.click(`#qa-list li[data-id="${idB}"] .upvote`);
    await waitEqual(phoneA.page, upvoteOf, idB, ['0', 'false'], 'B\'s question on phone A');
    await waitQueue(harness, [[QUESTION_A, 0, 'shown'], [QUESTION_B, 0, 'shown']], 'after taking it back');
    await waitEqual(phoneB.page, texts, '#qa-list .q-text', [QUESTION_A, QUESTION_B], 'phone B\'s list');
    await phoneA.page.click(`#qa-list li[data-id="${idB}"] .upvote`);
    await waitEqual(phoneA.page, upvoteOf, idB, ['1', 'true'], 'B\'s question on phone A');
    await waitQueue(harness, [[QUESTION_B, 1, 'shown'], [QUESTION_A, 0, 'shown']], 'upvoted again');
    const upvotes = phoneA.sent.filter((message) => message.type === 'upvote');
    checkEqual(upvotes.map((message) => [message.question, message.on]), [[idB, true], [idB, false], [idB, true]],
               'the upvotes phone A sent');
    // One counter for every request of the page: the ask's id, then the upvotes', one after another.
    const ids = phoneA.sent.filter((message) => Number.isInteger(message.id)).map((message) => message.id);
    checkEqual(ids.slice(1).map((id, index) => id - ids[index]), [1, 1, 1], 'the steps between request ids');
  });

  await step('a vote takes a request id from the same counter; the Poll tab shows a new poll', async () => {
    await harness.command('open uses-uv');
    await waitVisible(phoneA.page, '#tab-poll-new');
    await phoneA.page.click('#tab-poll');
    await waitHidden(phoneA.page, '#tab-poll-new');
    await waitText(phoneA.page, '#poll-question', 'Do you use uv?');
    await phoneA.page.getByLabel('Yes', { exact: true }).check();
    await phoneA.page.click('#vote-button');
    await waitText(phoneA.page, '#vote-status .status-main', en['poll.voteIn']);
    const requests = phoneA.sent.filter((message) => Number.isInteger(message.id));
    checkEqual(requests.at(-1).type, 'vote', 'the last request');
    checkEqual(requests.at(-1).id - requests.at(-2).id, 1, 'the vote\'s id after the last upvote\'s');
    await phoneA.page.click('#tab-questions');
    await waitVisible(phoneA.page, '#ask-form');
    await harness.command('close uses-uv');
  });

  await step('the Newest order lists the latest question first', async () => {
    await phoneB.page.click('.sort-button[data-sort="newest"]');
    checkEqual(await phoneB.page.getAttribute('.sort-button[data-sort="newest"]', 'aria-pressed'), 'true', 'Newest');
    await waitEqual(phoneB.page, texts, '#qa-list .q-text', [QUESTION_B, QUESTION_A], 'newest first');
    // One vote each: the earlier question comes first by votes, the later one by age.
    await phoneB.page.click(`#qa-list li[data-id="${idA}"] .upvote`);
    await waitQueue(harness, [[QUESTION_A, 1, 'shown'], [QUESTION_B, 1, 'shown']], 'one vote each');
    await waitEqual(phoneB.page, upvoteOf, idA, ['1', 'true'], 'A\'s question on phone B');
    await waitEqual(phoneB.page, texts, '#qa-list .q-text', [QUESTION_B, QUESTION_A], 'still newest first');
    await phoneB.page.click('.sort-button[data-sort="top"]');
    await waitEqual(phoneB.page, texts, '#qa-list .q-text', [QUESTION_A, QUESTION_B], 'top first again');
  });

  await step('pin-next pins the top question on both phones and the moderator page; unpin and undo', async () => {
    await harness.command('pin-next');
    const queue = await waitQueue(harness, [[QUESTION_A, 1, 'pinned'], [QUESTION_B, 1, 'shown']], 'after pin-next');
    checkEqual(queue.pinned, idA, 'the pinned id');
    for (const { page } of [phoneA, phoneB]) {
      await waitText(page, '#qa-pinned-heading', en['qa.pinnedHeading']);
      await waitEqual(page, texts, '#qa-pinned-list .q-text', [QUESTION_A], 'the pinned question');
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_B], 'the list under it');
    }
    await waitEqual(phoneA.page, mine, null, [[QUESTION_A, 'pinned', en['qa.state.pinned']]], 'phone A\'s questions');
    await waitEqual(moderator.page, moderatorGroups, null, { pinned: [QUESTION_A], waiting: [], shown: [QUESTION_B] },
                    'the moderator\'s groups');
    await harness.command('unpin');
    await waitHidden(phoneB.page, '#qa-pinned');
    await waitEqual(phoneB.page, texts, '#qa-list .q-text', [QUESTION_A, QUESTION_B], 'the list after unpin');
    await harness.command('undo');
    await waitEqual(phoneB.page, texts, '#qa-pinned-list .q-text', [QUESTION_A], 'pinned again after undo');
    checkEqual((await consoleQueue(harness)).pinned, idA, 'the pinned id after undo');
  });

  await step('a Japanese question from a Japanese phone round-trips to the other phones and the console', async () => {
    phoneC = await openPhone(browser, base, room, 'phone C', { locale: 'ja-JP' });
    await waitText(phoneC.page, '#tab-questions span[data-i18n]', ja['tabs.questions']);
    await waitText(phoneC.page, '#ask-button', ja['qa.ask']);
    await ask(phoneC.page, `  ${QUESTION_JA}  `, '佐藤');
    await waitText(phoneC.page, '#ask-status', ja['qa.askedShown']);
    await waitEqual(phoneC.page, mine, null, [[QUESTION_JA, 'shown', ja['qa.state.shown']]], 'phone C\'s questions');
    await waitEqual(phoneA.page, texts, '#qa-list .q-text', [QUESTION_B, QUESTION_JA], 'phone A\'s list');
    await waitText(phoneA.page, '#qa-list li:last-child .q-name', '佐藤');
    await waitQueue(harness, [[QUESTION_A, 1, 'pinned'], [QUESTION_B, 1, 'shown'], [QUESTION_JA, 0, 'shown']],
                    'with the Japanese question');
    await waitEqual(phoneC.page, texts, '#qa-pinned-list .q-text', [QUESTION_A], 'the pinned one on phone C');
    await waitText(phoneC.page, '#qa-pinned-heading', ja['qa.pinnedHeading']);
    await checkLayout(phoneC.page, 'the Japanese Questions tab');
    await screenshot(phoneC.page, 'phone-questions-ja.png');
  });

  await step('with the approval queue on again, a question waits on the moderator page (screenshots)', async () => {
    await moderator.page.click('#approval');
    await waitText(phoneC.page, '#ask-approval', ja['qa.approvalOn']);
    await ask(phoneC.page, QUESTION_JA_WAITING);
    await waitText(phoneC.page, '#ask-status', ja['qa.askedWaiting']);
    await waitEqual(moderator.page, moderatorGroups, null,
                    { pinned: [QUESTION_A], waiting: [QUESTION_JA_WAITING], shown: [QUESTION_B, QUESTION_JA] },
                    'the moderator\'s groups');
    await waitEqual(phoneC.page, mine, null, [
      [QUESTION_JA_WAITING, 'waiting', ja['qa.state.waiting']],
      [QUESTION_JA, 'shown', ja['qa.state.shown']],
    ], 'phone C\'s questions, newest first');
    await waitEqual(phoneA.page, texts, '#qa-list .q-text', [QUESTION_B, QUESTION_JA], 'phone A\'s list');
    await checkLayout(phoneA.page, 'phone A with questions');
    await checkLayout(moderator.page, 'the moderator page with questions', 44);
    await screenshot(phoneA.page, 'phone-questions.png');
    await screenshot(moderator.page, 'moderator.png');
  });

  await step('the moderator hides the waiting question; its author sees "not shown"', async () => {
    await moderator.page.click('.mq[data-state="waiting"] button[data-action="hide"]');
    await waitEqual(phoneC.page, mine, null, [
      [QUESTION_JA_WAITING, 'hidden', ja['qa.state.hidden']],
      [QUESTION_JA, 'shown', ja['qa.state.shown']],
    ], 'phone C\'s questions');
    await waitEqual(moderator.page, moderatorGroups, null, {
      pinned: [QUESTION_A], waiting: [], shown: [QUESTION_B, QUESTION_JA], hidden: [QUESTION_JA_WAITING],
    }, 'the moderator\'s groups');
    checkEqual(await phoneC.page.locator('#mine-list .mine-item[data-state="hidden"] .withdraw').isVisible(), false,
               'a withdraw button on a hidden question');
    await moderator.page.click('#approval');
    await waitHidden(phoneC.page, '#ask-approval');
  });

  await step('phone B withdraws its question after a second tap; it leaves every list', async () => {
    const withdraw = phoneB.page.locator(`#mine-list li[data-id="${idB}"] .withdraw`);
    await waitText(phoneB.page, `#mine-list li[data-id="${idB}"] .withdraw`, en['qa.withdraw']);
    await withdraw.click();
    await waitText(phoneB.page, `#mine-list li[data-id="${idB}"] .withdraw`, en['qa.withdrawConfirm']);
    checkEqual(phoneB.sent.filter((message) => message.type === 'withdraw').length, 0, 'withdrawals after one tap');
    await withdraw.click();
    await waitEqual(phoneB.page, mine, null, [], 'phone B\'s questions');
    for (const { page } of [phoneA, phoneB, phoneC])
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_JA], 'the list without it');
    await waitQueue(harness, [[QUESTION_A, 1, 'pinned'], [QUESTION_JA, 0, 'shown']], 'after the withdrawal');
    await moderator.page.click('.mod-other summary');
    await waitEqual(moderator.page, texts, '.mod-other .mq-text', [QUESTION_B], 'the moderator\'s other list');
    await waitText(moderator.page, '.mod-other .mq-note', en['qa.state.withdrawn']);
  });

  await step('questions with markup show as text on the phones and the moderator page and run nothing', async () => {
    await ask(phoneA.page, IMG_PAYLOAD);
    await waitText(phoneA.page, '#ask-status', en['qa.askedShown']);
    await ask(phoneB.page, SCRIPT_PAYLOAD);
    await waitText(phoneB.page, '#ask-status', en['qa.askedShown']);
    for (const { page } of [phoneA, phoneB, phoneC]) {
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_JA, IMG_PAYLOAD, SCRIPT_PAYLOAD], 'the list');
      checkEqual(await page.evaluate(xssProbe), { xss: null, images: 1, scripts: 1, handlers: 0 }, 'what ran');
    }
    await waitEqual(phoneA.page, texts, '#mine-list .q-text', [IMG_PAYLOAD, QUESTION_A], 'phone A\'s questions');
    await waitEqual(moderator.page, texts, '.mod-group[data-group="shown"] .mq-text',
                    [QUESTION_JA, IMG_PAYLOAD, SCRIPT_PAYLOAD], 'the moderator\'s shown list');
    const mergeOptions = await moderator.page.locator('.mq[data-state="shown"] select').first()
      .evaluate((select) => [...select.options].map((option) => option.textContent));
    check(mergeOptions.some((text) => text.includes(SCRIPT_PAYLOAD)), `the merge list: ${mergeOptions}`);
    checkEqual(await moderator.page.evaluate(xssProbe), { xss: null, images: 1, scripts: 1, handlers: 0 },
               'what ran on the moderator page');
    const queue = await consoleQueue(harness);
    checkEqual(queue.rows.map((row) => row[0]), [QUESTION_A, QUESTION_JA, IMG_PAYLOAD, SCRIPT_PAYLOAD],
               'the console\'s queue keeps the text as it was typed');
  });

  await step('the moderator merges one into another and blocks and unblocks an author', async () => {
    const queue = await consoleQueue(harness);
    const idScript = idOf(queue, SCRIPT_PAYLOAD);
    const idImg = idOf(queue, IMG_PAYLOAD);
    const card = moderator.page.locator(`.mq[data-id="${idScript}"]`);
    await card.locator('select').selectOption(String(idImg));
    await card.locator('button[data-action="merge"]').click();
    await waitEqual(phoneB.page, mine, null, [[SCRIPT_PAYLOAD, 'merged', en['qa.state.merged']]], 'B\'s questions');
    for (const { page } of [phoneA, phoneB])
      await waitEqual(page, texts, '#qa-list .q-text', [QUESTION_JA, IMG_PAYLOAD], 'the list after the merge');
    await waitEqual(moderator.page, texts, '.mod-other .mq-text', [QUESTION_B, SCRIPT_PAYLOAD], 'the other list');
    const imgCard = moderator.page.locator(`.mq[data-id="${idImg}"]`);
    await imgCard.locator('button[data-action="block"]').click();
    await waitText(moderator.page, `.mq[data-id="${idImg}"] .mq-blocked`, en['mod.authorBlocked']);
    await waitText(moderator.page, `.mq[data-id="${idImg}"] button[data-action="block"]`, en['mod.action.unblock']);
    // Phone A's earlier question has the same author: blocked too.
    await waitText(moderator.page, `.mq[data-id="${idA}"] .mq-blocked`, en['mod.authorBlocked']);
    await imgCard.locator('button[data-action="block"]').click();
    await waitHidden(moderator.page, `.mq[data-id="${idImg}"] .mq-blocked`);
    await waitText(moderator.page, `.mq[data-id="${idImg}"] button[data-action="block"]`, en['mod.action.block']);
  });

  await step('blocked words from the moderator page send a matching question to the approval queue', async () => {
    await moderator.page.click('#words summary');
    await moderator.page.fill('#blocked-words', 'crypto, NFT\n airdrop ,,');
    await moderator.page.click('#words-save');
    await waitText(moderator.page, '#words-status', en['mod.wordsSaved']);
    await waitText(moderator.page, '#words-summary',
                   `${en['mod.wordsLabel']} · ${fill(en['mod.wordsCount.other'], { n: 3 })}`);
    await waitEqual(moderator.page, () => document.querySelector('#blocked-words').value, null,
                    'crypto\nNFT\nairdrop', 'the blocked words as the server keeps them');
    checkEqual((await consoleQueue(harness)).approval, false, 'the approval queue');
    await ask(phoneA.page, 'Will you talk about testing nft marketplaces?');
    await waitText(phoneA.page, '#ask-status', en['qa.askedWaiting']);
    await waitEqual(moderator.page, texts, '.mod-group[data-group="waiting"] .mq-text',
                    ['Will you talk about testing nft marketplaces?'], 'the moderator\'s waiting list');
    checkEqual(await phoneB.page.evaluate(() => document.body.textContent.includes('marketplaces')), false,
               'the waiting question on phone B');
  });

  await step('the moderator marks the pinned question answered; the phones list it as answered', async () => {
    await moderator.page.click(`.mq[data-id="${idA}"] button[data-action="answer"]`);
    await waitEqual(moderator.page, texts, '.mod-group[data-group="answered"] .mq-text', [QUESTION_A],
                    'the moderator\'s answered list');
    for (const { page } of [phoneA, phoneB]) {
      await waitHidden(page, '#qa-pinned');
      await waitText(page, '#qa-done-summary', fill(en['qa.doneSummary.one'], { n: 1 }));
    }
    await phoneB.page.click('#qa-done-summary');
    await waitText(phoneB.page, `#qa-done-list li[data-id="${idA}"] .q-state`, en['qa.state.answered']);
    await waitText(phoneB.page, `#qa-done-list li[data-id="${idA}"] .q-votes`, fill(en['qa.votes.one'], { n: 1 }));
    checkEqual(await phoneB.page.locator(`#qa-done-list li[data-id="${idA}"] .upvote`).isVisible(), false,
               'an upvote button on an answered question');
    await waitEqual(phoneA.page, (id) => document.querySelector(`#mine-list li[data-id="${id}"]`)?.dataset.state, idA,
                    'answered', 'phone A\'s question');
    checkEqual((await consoleQueue(harness)).pinned, null, 'the pinned id');
  });

  await step('after a server restart the moderator page and the phones reconnect and carry on', async () => {
    await harness.command('stop');
    await waitState(moderator.page, '#connection', 'retrying');
    await waitText(moderator.page, '#connection-text', en['conn.reconnecting']);
    await waitState(phoneA.page, '#connection', 'retrying');
    await harness.command('start');
    await waitState(moderator.page, '#connection', 'open', RECONNECT_WAIT_MS);
    await waitState(phoneA.page, '#connection', 'open', RECONNECT_WAIT_MS);
    await moderator.page.click('.mq[data-state="waiting"] button[data-action="approve"]');
    await waitEqual(phoneA.page, texts, '#qa-list .q-text',
                    [QUESTION_JA, IMG_PAYLOAD, 'Will you talk about testing nft marketplaces?'], 'phone A\'s list');
    await waitEqual(phoneA.page, (id) => document.querySelector(`#mine-list li[data-id="${id}"]`)?.dataset.state, idA,
                    'answered', 'phone A\'s answered question after reconnecting');
  });

  await step('the page refuses an empty question and an over-long name in its language', async () => {
    const asksBefore = phoneA.sent.filter((message) => message.type === 'ask').length;
    await ask(phoneA.page, '   ');
    await waitText(phoneA.page, '#ask-error', en['qa.invalid.empty']);
    await ask(phoneA.page, 'A fine question', 'N'.repeat(41));
    await waitText(phoneA.page, '#ask-error', en['qa.invalid.nameTooLong']);
    await phoneA.page.fill('#ask-text', 'x'.repeat(301));
    await waitText(phoneA.page, '#ask-counter', fill(en['poll.counter'], { n: 301, max: 300 }));
    await phoneA.page.click('#ask-button');
    await waitText(phoneA.page, '#ask-error', en['qa.invalid.tooLong']);
    checkEqual(phoneA.sent.filter((message) => message.type === 'ask').length, asksBefore, 'asks phone A sent');
    await phoneA.page.fill('#ask-text', '');
    await waitHidden(phoneA.page, '#ask-error');
  });

  await step('the server\'s refusals show in the page\'s language: empty, then rate-limited', async () => {
    // Invisible characters only: the page cannot tell, the server answers invalid-question, reason empty.
    await ask(phoneC.page, INVISIBLE_ONLY);
    await waitText(phoneC.page, '#ask-error', ja['qa.invalid.empty']);
    let refused = false;
    for (let attempt = 1; attempt <= 10 && !refused; attempt += 1) {
      await ask(phoneC.page, `追加の質問 ${attempt}`);
      await phoneC.page.waitForFunction(() => document.querySelector('#ask-status').textContent !== '' ||
        document.querySelector('#ask-error').textContent !== '');
      const error = await phoneC.page.textContent('#ask-error');
      if (error !== '') {
        // The server says how long to wait (retryAfter), and the page says it in seconds.
        const inSeconds = new RegExp(`^${ja['qa.rateLimitedFor.other'].replace('{n}', '\\d+')}$`);
        check(inSeconds.test(error), `the refusal names the seconds to wait: ${error}`);
        refused = true;
      }
    }
    check(refused, 'eleven questions from one phone in a few seconds were all taken');
    checkEqual(await phoneC.page.inputValue('#ask-text'), phoneC.sent.filter((m) => m.type === 'ask').at(-1).text,
               'the refused question stays in the field');
  });

  await step('at 320 px in dark mode the Questions tab fits the screen; the moderator page fits 390 px', async () => {
    await phoneA.page.setViewportSize({ width: 320, height: 640 });
    await phoneA.page.emulateMedia({ colorScheme: 'dark' });
    const background = await phoneA.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    checkEqual(background, 'rgb(14, 17, 23)', 'the dark background');
    await checkLayout(phoneA.page, '320 px dark');
    const tabHeights = await phoneA.page.locator('.tab').evaluateAll((tabs) =>
      tabs.map((tab) => tab.getBoundingClientRect().height));
    check(tabHeights.every((height) => height <= 56), `the tabs' labels wrap: heights ${tabHeights}`);
    await screenshot(phoneA.page, 'phone-questions-320-dark.png');
    await moderator.page.setViewportSize({ width: 390, height: 844 });
    await moderator.page.emulateMedia({ colorScheme: 'dark' });
    await checkLayout(moderator.page, 'the moderator page at 390 px', 44);
    await screenshot(moderator.page, 'moderator-390-dark.png');
  });

  await step('without the token the moderator page answers 403', async () => {
    for (const path of ['/m/wrong', '/m/', `/m/${'A'.repeat(22)}`]) {
      const answer = await get(`${base}${path}`);
      checkEqual(answer.status, 403, `the status of ${path}`);
      checkEqual(answer.json?.code, 'forbidden', `the code of ${path}`);
    }
  });

  await step('a moderator page whose token is refused says so', async () => {
    const page = await moderator.context.newPage();
    run.watchPage(page, 'moderator with a wrong token');
    const { path } = await harness.command('moderator');
    // The page itself comes with the right token; the WebSocket carries a wrong one.
    await moderator.context.routeWebSocket(/\/ws$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((text) => {
        const message = JSON.parse(text);
        server.send(JSON.stringify(message.type === 'moderator' ? { ...message, token: 'wrong' } : message));
      });
      server.onMessage((text) => socket.send(text));
      socket.onClose((code, reason) => server.close({ code, reason }));
      server.onClose((code, reason) => socket.close({ code, reason }));
    });
    await page.goto(`${base}${path}`);
    await waitText(page, '#forbidden-heading', en['mod.forbiddenHeading']);
    await waitHidden(page, '#mod-view');
    await waitState(page, '#connection', 'idle');
    await page.close();
  });

  run.checkProblems();
}

await run.main(body, RUN_TIMEOUT_MS);
