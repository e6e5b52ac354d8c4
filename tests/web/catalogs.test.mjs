// The phone page's string catalogs (resources/web/i18n) agree with each other and with the page: the same
// keys in English and Japanese, the same {placeholders}, a text for every key the page uses and for every
// error code of the protocol, and no key nobody uses. Plain node, no dependencies; exit code 1 on a failure.

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

// Keys the page uses: data-i18n attributes in index.html, literal keys in app.js (t('…'), tn('…') which
// needs `.one` and `.other`, and the connection states' table).
const html = readFileSync(join(web, 'index.html'), 'utf8');
const script = readFileSync(join(web, 'app.js'), 'utf8');
const used = new Set();
for (const match of html.matchAll(/data-i18n(?:-aria-label)?="([^"]+)"/g)) used.add(match[1]);
const plurals = new Set([...script.matchAll(/\btn\(\s*'([^']+)'/g)].map((match) => match[1]));
for (const base of plurals) {
  used.add(`${base}.one`);
  used.add(`${base}.other`);
}
const keyPattern = /'((?:app|lang|join|conn|waiting|poll|results|footer)\.[A-Za-z.]+)'/g;
for (const match of script.matchAll(keyPattern)) {
  if (!plurals.has(match[1])) used.add(match[1]);
}

// Error codes: every code of PROTOCOL.md (HTTP table and WebSocket list) and the page's own.
const protocol = readFileSync(join(root, 'app', 'core', 'server', 'PROTOCOL.md'), 'utf8');
const protocolCodes = new Set();
for (const match of protocol.matchAll(/^\|\s*\d{3}\s*\|\s*`([a-z]+(?:-[a-z]+)+)`/gm)) protocolCodes.add(match[1]);
const socketErrors = /Error codes over the WebSocket:([\s\S]*?)(?:\n\s*\n|$)/.exec(protocol);
check(socketErrors !== null, 'PROTOCOL.md has no "Error codes over the WebSocket:" paragraph');
if (socketErrors) {
  for (const match of socketErrors[1].matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)) protocolCodes.add(match[1]);
}
check(protocolCodes.size >= 10, `only ${protocolCodes.size} error codes found in PROTOCOL.md: ${[...protocolCodes]}`);
const pageCodes = ['unknown', 'empty-code', 'invalid-code', 'no-choice', 'empty-answer', 'too-long', 'too-many'];
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
