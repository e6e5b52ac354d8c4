// End-to-end test of the agenda on the phone page and the exports on the moderator page: Debian chromium driven by
// playwright-core, phones on a 390 × 844 viewport, the moderator on a tablet's, against the real audience server and
// the real LiveEvent (lectern-webharness: the demo event's four sessions on 127.0.0.1, an ephemeral port). The phone
// lists the sessions with their planned times and marks the one on stage; switching the session on the laptop moves
// the marker, the poll and the questions to the new session's; materials are links to http and https addresses only,
// with the address in view; the deck downloads where the organizer allows it; the moderator page downloads the
// exports. Every check that fails ends the run with exit code 1. Environment: see webtest.mjs; with
// LECTERN_SCREENSHOT_DIR set, phone-agenda.png, phone-agenda-ja.png, moderator-export.png and moderator-stage.png
// are written there.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import { basename, join } from 'node:path';

import {
  catalog,
  check,
  checkEqual,
  checkLayout,
  createRun,
  fill,
  screenshotDir,
  waitEqual,
  waitHidden,
  waitText,
  waitVisible,
} from './webtest.mjs';

const RUN_TIMEOUT_MS = 240_000;
const QUESTION = 'Does Hypothesis find bugs my unit tests miss?';
const ASKER = 'Aiko';
/** The hostile material the harness's add-materials command tries to add (LiveEvent::replacePlan refuses it). */
const HOSTILE_LABEL = 'Free stickers';
/** What a hostile server could send; the page checks again and makes none of these a link. */
const FORGED_MATERIALS = [
  { label: 'Run me', url: 'javascript:window.__xss=1' },
  { label: 'Run me too', url: '  JavaScript:window.__xss=2' },
  { label: 'Data', url: 'data:text/html,<script>window.__xss=3</script>' },
  { label: 'Local file', url: 'file:///etc/passwd' },
  { label: 'Scheme-relative', url: '//evil.example/x' },
  { label: 'Fine', url: 'https://example.org/fine' },
];
const FORGED_TITLE = '<img src=x onerror=window.__xss=5>';

const en = catalog('en');
const ja = catalog('ja');
const run = createRun('agenda', 'agenda-FAILED.png');
const { step } = run;

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 1024, height: 1100 }, deviceScaleFactor: 1, hasTouch: true };

// ---- What the pages show ----------------------------------------------------------------------------------

/** The agenda's sessions as the phone shows them. */
const agendaRows = () =>
  [...document.querySelectorAll('#agenda-list .talk')].map((row) => ({
    index: Number(row.dataset.index),
    state: row.dataset.state,
    current: row.getAttribute('aria-current'),
    title: row.querySelector('.talk-title')?.textContent ?? '',
    speaker: row.querySelector('.talk-speaker')?.textContent ?? '',
    planned: row.querySelector('.talk-planned')?.textContent ?? '',
    badge: row.querySelector('.talk-badge')?.textContent ?? '',
  }));

/** Every link of the agenda, by session: where it goes, how it opens, and the words in view. */
const agendaLinks = () =>
  [...document.querySelectorAll('#agenda-list .talk')].map((row) =>
    [...row.querySelectorAll('a')].map((link) => ({
      // A deck link carries the phone's own device token: compared as its shape.
      href: link.getAttribute('href').replace(/([?&]device=)[A-Za-z0-9_-]{22}$/, '$1DEVICE'),
      target: link.getAttribute('target'),
      rel: link.getAttribute('rel'),
      download: link.getAttribute('download'),
      label: link.querySelector('.material-label')?.textContent ?? '',
      address: link.querySelector('.material-url')?.textContent ?? '',
      visible: link.checkVisibility() && (link.querySelector('.material-url')?.checkVisibility() ?? true),
    })));

/** Anything on the page that would run or load what a hostile agenda carried. */
const hostileProbe = () => ({
  xss: window.__xss ?? null,
  images: [...document.querySelectorAll('img')].map((image) => image.getAttribute('src')),
  badLinks: [...document.querySelectorAll('a[href]')]
    .map((link) => link.href)
    .filter((href) => !href.startsWith('http://') && !href.startsWith('https://')),
  handlers: document.querySelectorAll('[onerror], [onclick]').length,
});

const exportLinks = () =>
  [...document.querySelectorAll('#mod-export a.export-link')].map((link) => ({
    href: link.getAttribute('href'),
    download: link.hasAttribute('download'),
    label: link.querySelector('.export-label').textContent,
  }));

async function screenshot(page, file) {
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, file), fullPage: true });
}

/** The status code of a GET, outside the browser. */
function statusOf(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    }).on('error', reject);
  });
}

/** A file size as the page writes it (its formatBytes()). */
function formatBytes(bytes, language) {
  const megabytes = bytes >= 1_000_000;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / 1_000_000 : Math.max(1, bytes / 1_000));
}

/** The rows the phone should show for the agenda the laptop computes (the harness's `agenda`). */
function expectedRows(agenda, words) {
  return agenda.sessions.map((session) => {
    const state = session.index === agenda.onStage ? 'now' : session.actualEnd ? 'done' : 'later';
    return {
      index: session.index,
      state,
      current: state === 'now' ? 'time' : null,
      title: session.title,
      speaker: session.speaker,
      planned: session.plannedStart ? `${session.plannedStart}–${session.plannedEnd}` : '',
      badge: state === 'now' ? words['agenda.onStage'] : state === 'done' ? words['agenda.done'] : '',
    };
  });
}

/** The links the phone should show for the plan's materials (http and https only) and the deck where allowed. */
function expectedLinks(agenda, words) {
  return agenda.sessions.map((session) => {
    const links = session.materials
      .filter((material) => /^https?:\/\//i.test(material.url))
      .map((material) => {
        const href = new URL(material.url).href;
        return { href, target: '_blank', rel: 'noopener noreferrer', download: null,
                 label: material.label || href, address: material.label ? href : '', visible: true };
      });
    if (session.deckDownload) {
      const bytes = readFileSync(session.deckPath).length;
      links.push({ href: `/deck/${session.index}?device=DEVICE`, target: null, rel: null, download: basename(session.deckPath),
                   label: fill(words['agenda.deckSize'], { size: formatBytes(bytes, words === ja ? 'ja' : 'en') }),
                   address: basename(session.deckPath), visible: true });
    }
    return links;
  });
}

function behindText(minutes, words) {
  if (minutes === 0) return null;
  return fill(words[minutes > 0 ? 'agenda.behind' : 'agenda.ahead'], { n: Math.abs(minutes) });
}

const behindProbe = () => {
  const node = document.querySelector('#agenda-behind');
  return node.checkVisibility() ? node.textContent : null;
};

/** A phone on the room's page; forge(message), when given, rewrites each message from the server first. */
async function openPhone(browser, base, room, name, options = {}, forge = null) {
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', colorScheme: 'light', ...options });
  if (forge) {
    await context.routeWebSocket(/\/ws$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((text) => server.send(text));
      server.onMessage((text) => socket.send(JSON.stringify(forge(JSON.parse(text)))));
      socket.onClose((code, reason) => server.close({ code, reason }));
      server.onClose((code, reason) => socket.close({ code, reason }));
    });
  }
  const page = await context.newPage();
  run.watchPage(page, name);
  await page.goto(`${base}/j/${room}`);
  await waitVisible(page, '#tab-agenda');
  return { context, page };
}

/** Clicks a download link and returns what the browser saved: its name and bytes. */
async function download(page, selector) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const failure = await saved.failure();
  check(failure === null, `the download of ${selector} failed: ${failure}`);
  return { name: saved.suggestedFilename(), bytes: readFileSync(await saved.path()) };
}

// ---- The run ----------------------------------------------------------------------------------------------

async function body(harness, browser) {
  const { port, room } = await harness.nextLine('its address');
  check(Number.isInteger(port) && port > 0, `the harness reported no port: ${port}`);
  const base = `http://127.0.0.1:${port}`;
  let agenda = await harness.command('agenda');
  let phone;
  let moderator;

  await step('the Agenda tab lists the four sessions, their planned times and the one on stage', async () => {
    checkEqual(agenda.sessions.length, 4, 'the sessions of the demo event');
    checkEqual(agenda.onStage, 0, 'the session on stage');
    check(agenda.sessions.every((session) => session.plannedStart && session.plannedEnd),
          `the harness's plan has no planned times: ${JSON.stringify(agenda.sessions)}`);
    checkEqual(agenda.behindMinutes, 4, 'how far the laptop says the event runs behind');
    phone = await openPhone(browser, base, room, 'phone');
    run.setPageOnFailure(phone.page);
    const { page } = phone;
    await waitText(page, '#tab-agenda', en['tabs.agenda']);
    checkEqual(await page.getAttribute('#tab-agenda', 'aria-selected'), 'false', 'the Agenda tab before a tap');
    await page.click('#tab-agenda');
    await waitVisible(page, '#agenda-view');
    await waitHidden(page, '#poll-panel');
    await waitHidden(page, '#questions-view');
    await waitText(page, '#agenda-title', agenda.title);
    await waitEqual(page, agendaRows, null, expectedRows(agenda, en), 'the agenda');
    checkEqual(await page.locator('#agenda-list .talk[aria-current]').count(), 1, 'sessions marked as on stage');
    await waitEqual(page, behindProbe, null, behindText(4, en), 'how far the event runs behind');
    await waitText(page, '#session-title', agenda.sessions[0].title);
    await checkLayout(page, 'the Agenda tab');
    await screenshot(page, 'phone-agenda.png');
    // The tab stays chosen across a reload.
    await page.reload();
    await waitVisible(page, '#agenda-view');
  });

  await step('materials are links to their addresses, shown in full, opening in a new tab', async () => {
    check(agenda.sessions.some((session) => session.materials.length > 0), 'the demo event lists no materials');
    await waitEqual(phone.page, agendaLinks, null, expectedLinks(agenda, en), 'the agenda\'s links');
  });

  await step('the first session\'s deck downloads byte for byte; the second one has no download', async () => {
    const deck = readFileSync(agenda.sessions[0].deckPath);
    const saved = await download(phone.page, '#agenda-list .talk[data-index="0"] a.deck-link');
    checkEqual(saved.name, basename(agenda.sessions[0].deckPath), 'the downloaded file\'s name');
    check(saved.bytes.equals(deck), `the download has ${saved.bytes.length} bytes, not the deck's ${deck.length}`);
    checkEqual(agenda.sessions[1].deckDownload, false, 'the second session\'s download switch');
    checkEqual(await phone.page.locator('#agenda-list .talk[data-index="1"] a.deck-link').count(), 0,
               'download links in the second session');
    const deckHref = await phone.page.getAttribute('#agenda-list .talk[data-index="0"] a.deck-link', 'href');
    const device = new URL(deckHref, base).searchParams.get('device');
    checkEqual(await statusOf(`${base}/deck/1?device=${device}`), 404, 'GET /deck/1 (its switch is off)');
    checkEqual(await statusOf(`${base}/deck/9?device=${device}`), 404, 'GET /deck/9 (no such session)');
    checkEqual(await statusOf(`${base}/deck/0`), 403, 'GET /deck/0 without a device token (not a phone in the room)');
  });

  await step('in the first session a poll is open and the phone asks a question', async () => {
    const poll = agenda.sessions[0].polls[0];
    await harness.command(`open ${poll.id}`);
    await phone.page.click('#tab-poll');
    await waitText(phone.page, '#poll-question', poll.question);
    await phone.page.click('#tab-questions');
    await phone.page.fill('#ask-text', QUESTION);
    await phone.page.fill('#ask-name', ASKER);
    await phone.page.click('#ask-button');
    await waitText(phone.page, '#ask-status', en['qa.askedShown']);
    await waitEqual(phone.page, () => [...document.querySelectorAll('#qa-list .q-text')].map((n) => n.textContent),
                    null, [QUESTION], 'the questions of the first session');
    await harness.command(`close ${poll.id}`);
  });

  await step('switching to the second session moves the marker, the poll and the questions on the phone', async () => {
    await harness.command('present 1');
    agenda = await harness.command('agenda');
    checkEqual(agenda.onStage, 1, 'the session on stage after present 1');
    check(agenda.sessions[0].actualEnd !== null, 'the first session has no actual end after leaving the stage');
    const { page } = phone;
    await waitText(page, '#session-title', agenda.sessions[1].title);
    await waitEqual(page, () => [...document.querySelectorAll('#qa-list .q-text')].map((n) => n.textContent), null,
                    [], 'the questions of the second session');
    await waitText(page, '#qa-empty', en['qa.empty']);
    checkEqual(await page.evaluate((text) => document.querySelector('#questions-view').textContent.includes(text),
                                   QUESTION), false, 'the first session\'s question in the Questions tab');
    await page.click('#tab-poll');
    await waitEqual(page, () => (document.querySelector('#poll-view').checkVisibility()
      ? document.querySelector('#poll-question').textContent : null), null, null,
    'the poll in view (the first session\'s is gone)');
    await waitVisible(page, '#waiting-view');
    const poll = agenda.sessions[1].polls[0];
    await harness.command(`open ${poll.id}`);
    await waitText(page, '#poll-question', poll.question);
    await page.click('#tab-agenda');
    await waitEqual(page, agendaRows, null, expectedRows(agenda, en), 'the agenda after the switch');
    await waitText(page, '#agenda-list .talk[data-state="now"] .talk-badge', en['agenda.onStage']);
    await waitText(page, '#agenda-list .talk[data-index="0"] .talk-badge', en['agenda.done']);
    await harness.command(`close ${poll.id}`);
  });

  await step('an agenda forged on its way is checked again: only http and https become links', async () => {
    const forge = (message) => {
      if (message.type !== 'agenda') return message;
      const sessions = message.sessions.map((session) => ({ ...session, materials: FORGED_MATERIALS }));
      sessions[1] = { ...sessions[1], title: FORGED_TITLE, deck: { url: 'https://evil.example/deck.pdf', name: 'x.pdf',
                                                                   bytes: 1 } };
      sessions[2] = { ...sessions[2], deck: { url: 'javascript:window.__xss=6', name: 'y.pdf', bytes: 1 } };
      return { ...message, sessions };
    };
    const forged = await openPhone(browser, base, room, 'phone with a forged agenda', {}, forge);
    await forged.page.click('#tab-agenda');
    await waitText(forged.page, '#agenda-list .talk[data-index="1"] .talk-title', FORGED_TITLE);
    const links = await forged.page.evaluate(agendaLinks);
    checkEqual(links.map((session) => session.map((link) => link.href)), [
      ['https://example.org/fine', '/deck/0?device=DEVICE'],
      ['https://example.org/fine'],
      ['https://example.org/fine'],
      ['https://example.org/fine'],
    ], 'the links of the forged agenda');
    checkEqual(await forged.page.evaluate(hostileProbe), { xss: null, images: ['/static/icon.svg'], badLinks: [],
                                                           handlers: 0 }, 'what the page would run or load');
    await forged.context.close();
  });

  await step('the moderator page shows the session on stage and links the exports', async () => {
    const { path } = await harness.command('moderator');
    const context = await browser.newContext({ ...TABLET, locale: 'en-US', colorScheme: 'light' });
    const page = await context.newPage();
    run.watchPage(page, 'moderator');
    moderator = { context, page };
    run.setPageOnFailure(page);
    await page.goto(`${base}${path}`);
    await waitText(page, '#stage-position', fill(en['mod.stagePosition'], { n: 2, count: 4 }));
    await waitText(page, '#stage-title', `${agenda.sessions[1].title} · ${agenda.sessions[1].speaker}`);
    const handouts = agenda.sessions.map((session) => ({
      href: `${path}/export/handout?session=${session.index + 1}`,
      download: true,
      label: fill(en['mod.export.sessionHandout'], { n: session.index + 1 }),
    }));
    await waitEqual(page, exportLinks, null, [
      { href: `${path}/export/csv`, download: true, label: en['mod.export.csv'] },
      { href: `${path}/export/json`, download: true, label: en['mod.export.json'] },
      { href: `${path}/export/pdf`, download: true, label: en['mod.export.pdf'] },
      { href: `${path}/export/handout`, download: true, label: en['mod.export.handout'] },
      ...handouts,
    ], 'the export links');
    await checkLayout(page, 'the moderator page with its exports', 44);
    await screenshot(page, 'moderator-stage.png');
    if (screenshotDir)
      await page.locator('#mod-export').screenshot({ path: join(screenshotDir, 'moderator-export.png') });
  });

  await step('the CSV export downloads with the polls that ran; the PDF report is a PDF', async () => {
    const { page } = moderator;
    const csv = await download(page, '#mod-export a[data-format="csv"]');
    check(csv.name.endsWith('.csv'), `the CSV's file name: ${csv.name}`);
    const text = csv.bytes.toString('utf8');
    for (const session of agenda.sessions.slice(0, 2)) {
      check(text.includes(session.polls[0].question),
            `the CSV lacks the poll "${session.polls[0].question}":\n${text.slice(0, 600)}`);
    }
    check(text.includes(QUESTION), `the CSV lacks the question "${QUESTION}"`);
    const pdf = await download(page, '#mod-export a[data-format="pdf"]');
    check(pdf.name.endsWith('.pdf'), `the PDF report's file name: ${pdf.name}`);
    checkEqual(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the PDF report\'s first bytes');
    const handout = await download(page, '#export-sessions a[data-session="1"]');
    checkEqual(handout.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the first session\'s handout\'s first bytes');
  });

  await step('"Leave names out" asks for names=0, and the JSON export then has no display names', async () => {
    const { page } = moderator;
    const withNames = await download(page, '#mod-export a[data-format="json"]');
    JSON.parse(withNames.bytes.toString('utf8'));
    check(withNames.bytes.toString('utf8').includes(ASKER), `the JSON export lacks the asker's name "${ASKER}"`);
    await page.check('#export-no-names');
    await waitEqual(page, () => [...document.querySelectorAll('#mod-export a.export-link')]
      .every((link) => new URL(link.href).searchParams.get('names') === '0'), null, true, 'names=0 on every link');
    const withoutNames = await download(page, '#mod-export a[data-format="json"]');
    const json = withoutNames.bytes.toString('utf8');
    JSON.parse(json);
    check(json.includes(QUESTION), 'the JSON export without names lacks the question');
    check(!json.includes(ASKER), `the JSON export without names still names "${ASKER}"`);
  });

  await step('an edited plan with a javascript: material is refused and the agenda stays as it was', async () => {
    const before = await harness.command('agenda');
    let refusal = null;
    try {
      await harness.command('add-materials 2');
    } catch (error) {
      refusal = String(error.message);
    }
    check(refusal !== null && refusal.includes('only http and https'),
          `the hostile plan was not refused: ${refusal}`);
    agenda = await harness.command('agenda');
    checkEqual(agenda.sessions, before.sessions, 'the agenda after the refused edit');
    await waitEqual(phone.page, agendaLinks, null, expectedLinks(agenda, en), 'the agenda\'s links');
    checkEqual(await phone.page.evaluate((label) => document.body.textContent.includes(label), HOSTILE_LABEL), false,
               'the hostile material\'s label on the page');
    checkEqual(await phone.page.evaluate(hostileProbe), { xss: null, images: ['/static/icon.svg'], badLinks: [],
                                                          handlers: 0 }, 'what the page would run or load');
    // Exports keep working: the record's plan is the one before the refused edit.
    const { path } = await harness.command('moderator');
    const csv = await fetch(`${base}${path}/export/csv`);
    checkEqual(csv.status, 200, 'the CSV export after the refused edit');
  });

  await step('a Japanese phone shows the agenda in Japanese', async () => {
    const japanese = await openPhone(browser, base, room, 'Japanese phone', { locale: 'ja-JP' });
    const { page } = japanese;
    run.setPageOnFailure(page);
    await waitText(page, '#tab-agenda', ja['tabs.agenda']);
    await page.click('#tab-agenda');
    agenda = await harness.command('agenda');
    await waitEqual(page, agendaRows, null, expectedRows(agenda, ja), 'the Japanese agenda');
    await waitEqual(page, behindProbe, null, behindText(agenda.behindMinutes, ja), 'how far the event runs behind');
    await waitEqual(page, agendaLinks, null, expectedLinks(agenda, ja), 'the Japanese agenda\'s links');
    await checkLayout(page, 'the Japanese Agenda tab');
    await screenshot(page, 'phone-agenda-ja.png');
    await japanese.context.close();
  });

  run.checkProblems();
}

await run.main(body, RUN_TIMEOUT_MS);
