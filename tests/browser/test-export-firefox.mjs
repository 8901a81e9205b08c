// test-export-firefox.mjs — the single-file export in a second engine: headless Firefox ESR
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The export must play "in any modern browser". Chromium runs the whole player suite
// (test-export-player.mjs); here Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core, plays the same exported files from disk: Try to the end by clicking the
// hotspots, View and Watch, and hostile author text — with no request, dialog or page error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const WAYMARK = process.env.WM_WAYMARK;
const MAKE_FIXTURE = process.env.WM_MAKE_FIXTURE;
const FIREFOX = process.env.WM_FIREFOX || '/usr/bin/firefox-esr';
const N = 5;

let dir, browser;
const pages = {};

function exportFixture (name, steps, flags = []) {
  const library = join(dir, name + '.db');
  const id = execFileSync(MAKE_FIXTURE, [library, String(steps), ...flags]).toString().trim();
  const out = join(dir, name + '.html');
  execFileSync(WAYMARK, ['--library', library, 'export', 'html', id, '-o', out]);
  return pathToFileURL(out).href;
}

before(async () => {
  assert.ok(WAYMARK && MAKE_FIXTURE, 'WM_WAYMARK and WM_MAKE_FIXTURE must name the programs');
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is missing (Debian's firefox-esr; .ci/setup installs it)`);
  dir = mkdtempSync(join(tmpdir(), 'wm-browser-firefox-'));
  pages.plain = exportFixture('plain', N);
  pages.hostile = exportFixture('hostile', 12, ['--hostile']);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    protocolTimeout: 120000,
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A page on @url that records (and aborts) every request other than the page itself, and
// records every dialog and page error. Firefox reports requests over BiDi only while they
// are intercepted; the in-page resource timings catch what is not (checked in assertQuiet).
async function open (url) {
  const page = await browser.newPage();
  const log = { requests: [], dialogs: [], errors: [] };
  const self = url.split('#')[0];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = r.url();
    if (u.split('#')[0] === self || u.startsWith('data:') || u.startsWith('blob:'))
      return r.continue();
    log.requests.push(u);
    return r.abort();
  });
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => log.errors.push(String(e.message || e)));
  await page.goto(url);
  return { page, log };
}

async function assertQuiet (log, page) {
  const timed = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => e.name).filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')));
  assert.deepEqual(timed, [], 'no resource loaded');
  assert.deepEqual(log.requests, [], 'no network request');
  assert.deepEqual(log.dialogs, [], 'no dialog');
  assert.deepEqual(log.errors, [], 'no page error');
}

const text = (page, selector) => page.$eval(selector, (e) => e.textContent);

test('Firefox, Try: a miss shows the hint, clicking each hotspot completes the tutorial', async () => {
  const { page, log } = await open(pages.plain);
  await page.waitForSelector('.wm-hotspot', { visible: true });

  const frame = await (await page.$('.wm-frame')).boundingBox();
  await page.mouse.click(frame.x + frame.width - 20, frame.y + frame.height - 20);
  await page.waitForSelector('.wm-hint', { visible: true });
  assert.match(await text(page, '.wm-hint'), /highlighted spot/);
  assert.equal(await text(page, '.wm-counter'), `Step 1 of ${N}`);

  for (let i = 1; i <= N; i++) {
    await page.waitForFunction((c) => document.querySelector('.wm-counter')?.textContent === c,
                               {}, `Step ${i} of ${N}`);
    assert.match(await text(page, '.wm-bubble .wm-instruction'), new RegExp(`^Step ${i}:`));
    // Where the model says the click was: the hotspot is there.
    const at = await page.evaluate((i) => {
      const model = JSON.parse(document.getElementById('waymark-model').textContent);
      const step = model.steps[i], image = model.images[step.image];
      const r = document.querySelector('.wm-frame').getBoundingClientRect();
      return { x: r.x + step.x / image.width * r.width, y: r.y + step.y / image.height * r.height };
    }, i - 1);
    await page.mouse.click(at.x, at.y);
  }
  await page.waitForSelector('.wm-done', { visible: true });
  assert.match(await text(page, '.wm-done'), new RegExp(`completed all ${N} steps`));
  await assertQuiet(log, page);
  await page.close();
});

test('Firefox, View lists every step and Watch plays to the end', async () => {
  const view = await open(pages.plain + '#mode=view');
  await view.page.waitForSelector('.wm-card');
  const cards = await view.page.$$eval('.wm-card-instruction', (all) => all.map((e) => e.textContent));
  assert.equal(cards.length, N);
  cards.forEach((c, i) => assert.match(c, new RegExp(`^Step ${i + 1}:`)));
  await assertQuiet(view.log, view.page);
  await view.page.close();

  const watch = await open(pages.plain + '#mode=watch&speed=8');
  await watch.page.waitForSelector('.wm-done', { visible: true, timeout: 60000 });
  assert.match(await text(watch.page, '.wm-done'), new RegExp(`${N} steps`));
  await assertQuiet(watch.log, watch.page);
  await watch.page.close();
});

test('Firefox: hostile step texts are shown as text and nothing runs or loads', async () => {
  for (const mode of ['try', 'view']) {
    const { page, log } = await open(pages.hostile + `#mode=${mode}`);
    await page.waitForSelector('.wm-title');
    const model = await page.evaluate(() => JSON.parse(document.getElementById('waymark-model').textContent));
    assert.match(model.title, /<img src=x onerror=/);
    assert.equal(await text(page, '.wm-title'), model.title);
    assert.equal(await page.title(), model.title);
    if (mode === 'try') {
      for (let i = 0; i < 12; i++) {
        const f = await (await page.$('.wm-frame')).boundingBox();
        await page.mouse.move(f.x + f.width / 2, f.y + f.height / 2);
        await page.keyboard.press('Enter');
      }
      await page.waitForSelector('.wm-done', { visible: true });
    } else {
      assert.equal(await text(page, '.wm-card-instruction'), model.steps[0].instruction);
    }
    const found = await page.evaluate(() => ({
      pwned: window.__wm_pwned,
      elements: document.querySelectorAll('img, iframe, svg, link, base, style:not(head > style), a, script[src]').length,
      scripts: document.scripts.length,
    }));
    assert.deepEqual(found, { pwned: undefined, elements: 0, scripts: 3 }, mode);
    await assertQuiet(log, page);
    await page.close();
  }
});
