// The string catalogs (resources/web/i18n) agree with each other and with the pages that use them, the phone page
// and the moderator page: the same keys in English and Japanese, the same {placeholders}, a text for every key a
// page uses and for every error code of the protocol (polls, questions, moderation), and no key nobody uses.
// Plain node, no dependencies; exit code 1 on a failure.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const web = join(root, 'resources', 'web');

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}

function readCatalog(language) {
  const path = join(web, 'i18n', `${language}.json`);
  let catalog;
  try {
    catalog = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    failures.push(`${language}.json does not parse: ${error.message}`);
    return {};
  }
  check(catalog && typeof catalog === 'object' && !Array.isArray(catalog), `${language}.json is not an object`);
  for (const [key, value] of Object.entries(catalog)) {
    check(typeof value === 'string', `${language}.json: "${key}" is not a string`);
    check(typeof value !== 'string' || value.trim() !== '', `${language}.json: "${key}" is empty`);
  }
  return catalog;
}

const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

const en = readCatalog('en');
const ja = readCatalog('ja');
const enKeys = Object.keys(en);
const jaKeys = Object.keys(ja);

check(enKeys.length > 0, 'en.json has no strings');
for (const key of enKeys) check(key in ja, `ja.json lacks "${key}"`);
for (const key of jaKeys) check(key in en, `en.json lacks "${key}" (ja.json has it)`);
for (const key of enKeys.filter((key) => key in ja)) {
  check(JSON.stringify(placeholders(en[key])) === JSON.stringify(placeholders(ja[key])),
        `"${key}" has placeholders ${placeholders(en[key])} in English but ${placeholders(ja[key])} in Japanese`);
}
// Texts with words must differ (the product's name and texts of only numbers and signs may not).
const hasWords = (text) => /\p{L}/u.test(String(text).replace(/\{\w+\}/g, ''));
const untranslated = enKeys.filter((key) => key !== 'app.name' && hasWords(en[key]) && en[key] === ja[key]);
check(untranslated.length === 0, `ja.json repeats the English text of ${untranslated.join(', ')}`);

// Keys the pages use: data-i18n attributes in their HTML, literal keys in their scripts and in the common.js they
// share (t('…'), tn('…') which needs `.one` and `.other`, and tables such as the connection states' and the
// question states').
const pages = [
  { html: 'index.html', script: 'app.js' },
  { html: 'moderator.html', script: 'moderator.js' },
];
const used = new Set();
const scripts = {};
const keyPattern = /'((?:app|lang|join|conn|waiting|poll|results|footer|tabs|qa|mod|agenda)\.[A-Za-z.]+)'/g;
for (const page of pages) {
  const html = readFileSync(join(web, page.html), 'utf8');
  const script = readFileSync(join(web, page.script), 'utf8');
  scripts[page.script] = script;
  check(html.includes(`src="/static/${page.script}"`), `${page.html} does not load /static/${page.script}`);
  const before = used.size;
  for (const match of html.matchAll(/data-i18n(?:-aria-label)?="([^"]+)"/g)) used.add(match[1]);
  const plurals = new Set([...script.matchAll(/\btn\(\s*'([^']+)'/g)].map((match) => match[1]));
  for (const base of plurals) {
    used.add(`${base}.one`);
    used.add(`${base}.other`);
  }
  for (const match of script.matchAll(keyPattern)) {
    if (!plurals.has(match[1])) used.add(match[1]);
  }
  check(used.size > before, `${page.html} and ${page.script} use no string of the catalogs`);
}
// The part both pages import (the connection bar's words, among others).
const common = readFileSync(join(web, 'common.js'), 'utf8');
for (const page of pages) {
  check(scripts[page.script].includes("from './common.js'"), `${page.script} does not import ./common.js`);
}
for (const match of common.matchAll(/\btn\(\s*'([^']+)'/g)) {
  used.add(`${match[1]}.one`);
  used.add(`${match[1]}.other`);
}
for (const match of common.matchAll(keyPattern)) used.add(match[1]);
// Whatever its prefix, a key written into a call of t() is used: t('key'), t(cond ? 'key' : 'other').
for (const source of [...Object.values(scripts), common]) {
  for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(match[1]);
  for (const match of source.matchAll(/\bt\(\s*[^'()]*\?\s*'([^']+)'\s*:\s*'([^']+)'/g)) {
    used.add(match[1]);
    used.add(match[2]);
  }
}
const script = scripts['app.js'];

// Error codes: every code of PROTOCOL.md (HTTP table and WebSocket list) and the page's own.
const protocol = readFileSync(join(root, 'app', 'core', 'server', 'PROTOCOL.md'), 'utf8');
const protocolCodes = new Set();
for (const match of protocol.matchAll(/^\|\s*\d{3}\s*\|\s*`([a-z]+(?:-[a-z]+)+)`/gm)) protocolCodes.add(match[1]);
const socketErrors = /Error codes over the WebSocket[^:]*:([\s\S]*?)(?:\n\s*\n|$)/.exec(protocol);
check(socketErrors !== null, 'PROTOCOL.md has no "Error codes over the WebSocket:" paragraph');
if (socketErrors) {
  for (const match of socketErrors[1].matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)) protocolCodes.add(match[1]);
}
check(protocolCodes.size >= 10, `only ${protocolCodes.size} error codes found in PROTOCOL.md: ${[...protocolCodes]}`);

/** The text of PROTOCOL.md's "## title" section, up to the next "## " heading. */
function protocolSection(title) {
  const start = protocol.indexOf(`\n## ${title}`);
  if (start < 0) return '';
  const end = protocol.indexOf('\n## ', start + 4);
  return protocol.slice(start, end < 0 ? undefined : end);
}
const hyphenatedCodes = (text) => [...text.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((match) => match[1]);

// Questions: the codes of the "Errors (…)" paragraph; the reasons of `invalid-question` have words of their own.
const questions = protocolSection('Questions');
check(questions !== '', 'PROTOCOL.md has no "## Questions" section');
const questionErrors = /^Errors \(([\s\S]*?)(?:\n\s*\n|(?![\s\S]))/m.exec(questions);
check(questionErrors !== null, 'PROTOCOL.md\'s Questions section has no "Errors (" paragraph');
let questionCodes = 0;
if (questionErrors) {
  const reasons = /`reason`:([^;]*)/.exec(questionErrors[1]);
  check(reasons !== null, 'PROTOCOL.md does not list the reasons of invalid-question');
  const reasonNames = reasons ? [...reasons[1].matchAll(/`([a-z-]+)`/g)].map((match) => match[1]) : [];
  check(reasonNames.length >= 3, `only ${reasonNames.length} reasons of invalid-question found in PROTOCOL.md`);
  for (const reason of reasonNames) {
    check(new RegExp(`['\\s]${reason}'?: 'qa\\.invalid\\.`).test(script),
          `app.js has no words for the invalid-question reason "${reason}"`);
  }
  const rest = reasons ? questionErrors[1].replace(reasons[0], '') : questionErrors[1];
  for (const code of hyphenatedCodes(rest)) {
    protocolCodes.add(code);
    questionCodes += 1;
  }
}
check(questionCodes >= 4, `only ${questionCodes} question error codes found in PROTOCOL.md`);

// Moderator: the codes of its `error` message, and `forbidden` (a wrong token).
const moderator = protocolSection('Moderator');
check(moderator !== '', 'PROTOCOL.md has no "## Moderator" section');
const moderatorErrors = /^\|\s*`error`\s*\|.*$/m.exec(moderator);
check(moderatorErrors !== null, 'PROTOCOL.md\'s Moderator section has no `error` row');
if (moderatorErrors) for (const code of hyphenatedCodes(moderatorErrors[0])) protocolCodes.add(code);
check(/`forbidden`/.test(moderator), 'PROTOCOL.md\'s Moderator section does not name the `forbidden` error');
protocolCodes.add('forbidden');
const pageCodes = ['unknown', 'empty-code', 'invalid-code', 'no-choice', 'empty-answer', 'too-long', 'too-many'];
// The moderator page gives every code it gets the words of the catalog; it needs the protocol's only.
for (const code of [...protocolCodes, ...pageCodes]) used.add(`error.${code}`);
for (const code of pageCodes) check(script.includes(`'${code}'`), `app.js no longer uses the error code "${code}"`);

for (const key of used) check(key in en, `the page uses "${key}" but en.json lacks it`);
for (const key of enKeys) check(used.has(key), `en.json has "${key}" but the page never uses it`);

if (failures.length > 0) {
  console.error(`FAIL catalogs: ${failures.length} problem(s)`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log(`PASS catalogs: ${enKeys.length} keys in en.json and ja.json, ${protocolCodes.size} protocol error codes`);
