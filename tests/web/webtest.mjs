// What the browser tests of tests/web share: the harness (lectern-webharness: the audience server on the demo event,
// commands on stdin), Debian chromium through playwright-core, checks that fail the run in words, waits on what a
// page shows, and the numbered steps of a run. Every check that fails ends the run with exit code 1.
//
// Environment: LECTERN_WEBHARNESS (the harness executable; required), LECTERN_WEB_NODE_MODULES (where npm ci put
// playwright-core; default: node_modules beside this file), LECTERN_CHROMIUM (default /usr/bin/chromium),
// LECTERN_SCREENSHOT_DIR (when set, screenshots of the key states are written there).

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.LECTERN_WEB_NODE_MODULES || join(here, 'node_modules');
const harnessPath = process.env.LECTERN_WEBHARNESS;
const chromiumPath = process.env.LECTERN_CHROMIUM || '/usr/bin/chromium';
export const screenshotDir = process.env.LECTERN_SCREENSHOT_DIR || '';

export const WAIT_MS = 15_000;

/** A string catalog of the pages (resources/web/i18n). */
export const catalog = (language) =>
  JSON.parse(readFileSync(join(here, '..', '..', 'resources', 'web', 'i18n', `${language}.json`), 'utf8'));
/** A catalog text with its {placeholders} filled, as the pages do. */
export const fill = (text, values) => text.replace(/\{(\w+)\}/g, (match, name) => String(values[name]));

// ---- Harness ----------------------------------------------------------------------------------------------

/** The audience server on the demo event, driven by one command a line; every command answers one JSON line. */
export class Harness {
  constructor(path) {
    this.process = spawn(path, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.lines = [];
    this.waiters = [];
    this.log = [];
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    readline.createInterface({ input: this.process.stdout }).on('line', (line) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    readline.createInterface({ input: this.process.stderr }).on('line', (line) => {
      this.log.push(line);
      if (this.log.length > 200) this.log.shift();
    });
    this.process.once('error', (error) => this.log.push(`cannot start ${path}: ${error.message}`));
  }

  nextLine(what) {
    if (this.lines.length > 0) return Promise.resolve(JSON.parse(this.lines.shift()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the harness did not answer ${what}`)), WAIT_MS);
      this.waiters.push((line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch (error) {
          reject(new Error(`the harness answered ${what} with ${line}`));
        }
      });
    });
  }

  /** Runs a command; an answer {"ok": false} fails the test. */
  async command(text) {
    this.process.stdin.write(`${text}\n`);
    const answer = await this.nextLine(`"${text}"`);
    if (answer.ok !== true) throw new CheckFailed(`harness command "${text}" failed: ${JSON.stringify(answer)}`);
    return answer;
  }

  async results(pollId) {
    const results = await this.command(`results ${pollId}`);
    return { ...results, count: Object.fromEntries(results.counts.map((entry) => [entry.answer, entry.count])) };
  }

  async quit() {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.stdin.end('quit\n');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

// ---- Checks -----------------------------------------------------------------------------------------------

export class CheckFailed extends Error {}

export function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

export function checkEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailed(`${what}: expected ${e}, got ${a}`);
}

/** Waits until the element matching selector is shown with exactly this text (trimmed). */
export async function waitText(page, selector, text, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(
      ([selector, text]) => {
        const node = document.querySelector(selector);
        return node !== null && node.checkVisibility() && node.textContent.trim() === text;
      },
      [selector, text],
      { timeout });
  } catch {
    const actual = await page.evaluate((selector) => {
      const node = document.querySelector(selector);
      return node ? `"${node.textContent.trim()}"${node.checkVisibility() ? '' : ' (not visible)'}` : 'no such element';
    }, selector);
    throw new CheckFailed(`${selector} should read "${text}" but reads ${actual}`);
  }
}

export async function waitVisible(page, selector, timeout = WAIT_MS) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new CheckFailed(`${selector} did not become visible`);
  }
}

export async function waitHidden(page, selector, timeout = WAIT_MS) {
  try {
    await page.locator(selector).first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new CheckFailed(`${selector} did not disappear`);
  }
}

export async function waitState(page, selector, state, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(
      ([selector, state]) => document.querySelector(selector)?.dataset.state === state, [selector, state], { timeout });
  } catch {
    const actual = await page.evaluate((selector) => document.querySelector(selector)?.dataset.state, selector);
    throw new CheckFailed(`${selector} should be in state "${state}" but is in "${actual}"`);
  }
}

/**
 * Waits until probe(arg), run in the page, returns a value equal (as JSON) to expected, asking again every 50 ms
 * (as QTRY_COMPARE does); fails naming what and the last value seen.
 */
export async function waitEqual(page, probe, arg, expected, what, timeout = WAIT_MS) {
  const wanted = JSON.stringify(expected);
  const deadline = Date.now() + timeout;
  let actual;
  for (;;) {
    actual = JSON.stringify(await page.evaluate(probe, arg));
    if (actual === wanted) return;
    if (Date.now() > deadline) throw new CheckFailed(`${what}: expected ${wanted}, got ${actual}`);
    await page.waitForTimeout(50);
  }
}

/** Nothing wider than the screen, and every control at least minimum × minimum CSS pixels. */
export async function checkLayout(page, where, minimum = 48) {
  const layout = await page.evaluate((minimum) => {
    const small = [];
    for (const node of document.querySelectorAll('button, .choice, input[type="text"], textarea, select')) {
      if (!node.checkVisibility()) continue;
      const box = node.getBoundingClientRect();
      if (box.width >= minimum - 0.5 && box.height >= minimum - 0.5) continue;
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      small.push(`${node.tagName.toLowerCase()}.${node.className} ${size}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, small };
  }, minimum);
  check(layout.scrollWidth <= layout.width,
        `${where}: the page is ${layout.scrollWidth} px wide on a ${layout.width} px screen`);
  check(layout.small.length === 0, `${where}: tap targets under ${minimum} px: ${layout.small.join(', ')}`);
}

// ---- A run ------------------------------------------------------------------------------------------------

/**
 * A test run of numbered steps against a fresh harness and chromium. name names the run in its last line;
 * failureShot is the file a failing step's page is photographed to (under LECTERN_SCREENSHOT_DIR).
 */
export function createRun(name, failureShot) {
  const problems = [];
  let stepNumber = 0;
  let pageOnFailure = null;

  async function step(title, body) {
    stepNumber += 1;
    try {
      await body();
      console.log(`ok ${stepNumber} - ${title}`);
    } catch (error) {
      console.log(`not ok ${stepNumber} - ${title}`);
      console.log(`  ${error instanceof CheckFailed ? error.message : error.stack}`);
      if (screenshotDir && pageOnFailure)
        await pageOnFailure.screenshot({ path: join(screenshotDir, failureShot), fullPage: true }).catch(() => {});
      throw error;
    }
  }

  /** Script errors and refusals of the Content Security Policy fail the run (checked by checkProblems). */
  function watchPage(page, pageName) {
    page.on('pageerror', (error) => problems.push(`${pageName}: script error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${pageName}: ${message.text()}`);
    });
  }

  function checkProblems() {
    check(problems.length === 0, `the pages reported problems:\n  ${problems.join('\n  ')}`);
  }

  /** Starts the harness and chromium, runs body(harness, browser), and exits 0 or 1. */
  async function main(body, runTimeoutMs) {
    if (!harnessPath) {
      console.error('FAIL: set LECTERN_WEBHARNESS to the lectern-webharness executable');
      process.exit(1);
    }
    const { chromium } = createRequire(join(modules, 'noop.js'))('playwright-core');
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
    const watchdog = setTimeout(() => {
      console.error(`FAIL: the run took longer than ${runTimeoutMs / 1000} s`);
      process.exit(1);
    }, runTimeoutMs);
    const harness = new Harness(harnessPath);
    let browser = null;
    let failed = false;
    try {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-background-networking'],
      });
      await body(harness, browser);
    } catch (error) {
      failed = true;
      if (!(error instanceof CheckFailed) && stepNumber === 0) console.error(error.stack);
      if (harness.log.length > 0) console.error(`harness log:\n  ${harness.log.slice(-40).join('\n  ')}`);
    } finally {
      await browser?.close().catch(() => {});
      await harness.quit();
      clearTimeout(watchdog);
    }
    if (failed) {
      console.log(`FAIL ${name} (${stepNumber} steps run)`);
      process.exit(1);
    }
    console.log(`PASS ${name}: ${stepNumber} steps`);
  }

  return {
    step,
    watchPage,
    checkProblems,
    main,
    setPageOnFailure(page) {
      pageOnFailure = page;
    },
  };
}
