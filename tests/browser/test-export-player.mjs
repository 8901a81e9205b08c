// test-export-player.mjs — the single-file export opened in headless Chromium
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Fixture libraries are made by wm-make-fixture ($WM_MAKE_FIXTURE) and exported with the real
// `waymark export html` ($WM_WAYMARK). Every page is opened with a network recorder: no test
// may see a request, a dialog, a page error or a CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openRecorded } from './harness.mjs';

const WAYMARK = process.env.WM_WAYMARK;
const MAKE_FIXTURE = process.env.WM_MAKE_FIXTURE;
const REDACT = { x: 120, y: 110, width: 360, height: 60 };   // WM_FIXTURE_REDACT_* in C
const N = 5;

let dir, browser;
const pages = {};

function exportFixture (name, steps, flags = [], exportArgs = []) {
  const library = join(dir, name + '.db');
  const id = execFileSync(MAKE_FIXTURE, [library, String(steps), ...flags]).toString().trim();
  return exportTutorial(library, id, name, exportArgs);
}

function exportTutorial (library, id, name, exportArgs = []) {
  const out = join(dir, name + '.html');
  execFileSync(WAYMARK, ['--library', library, 'export', 'html', id, '-o', out, ...exportArgs]);
  return pathToFileURL(out).href;
}

// Where step @i's click is on screen: the model's point scaled into the frame.
async function clickPoint (page, i) {
  return page.evaluate((i) => {
    const model = JSON.parse(document.getElementById('waymark-model').textContent);
    const step = model.steps[i], image = model.images[step.image];
    const r = document.querySelector('.wm-frame').getBoundingClientRect();
    return { x: r.x + step.x / image.width * r.width, y: r.y + step.y / image.height * r.height };
  }, i);
}

before(async () => {
  assert.ok(WAYMARK && MAKE_FIXTURE, 'WM_WAYMARK and WM_MAKE_FIXTURE must name the programs');
  dir = mkdtempSync(join(tmpdir(), 'wm-browser-export-'));
  pages.redacted = exportFixture('redacted', N, ['--redact']);
  pages.plain = exportFixture('plain', N);
  pages.hostile = exportFixture('hostile', 12, ['--hostile']);
  browser = await launch();
  await recordEvents(browser.context);
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Records the player's DOM events in window.__wm_events before the page runs.
async function open (url, options = {}) {
  return openRecorded(browser.context, url, options);
}

async function events (page) {
  return page.evaluate(() => window.__wm_events);
}

function assertQuiet (log, page) {
  assert.deepEqual(log.requests, [], 'no network request');
  assert.deepEqual(log.dialogs, [], 'no dialog');
  assert.deepEqual(log.errors, [], 'no page error');
  return page.evaluate(() => window.__wm_violations).then((v) => assert.deepEqual(v, [], 'no CSP violation'));
}

async function recordEvents (context) {
  await context.addInitScript(() => {
    window.__wm_events = [];
    for (const type of ['waymark:start', 'waymark:step', 'waymark:complete'])
      document.addEventListener(type, (e) => window.__wm_events.push({ type, ...e.detail }));
  });
}

test('Try: clicking each hotspot completes the tutorial, a miss shows a hint', async () => {
  const { page, log } = await open(pages.redacted);
  await page.locator('.wm-hotspot').waitFor();

  // A click away from the hotspot keeps the step and says what to do.
  const frame = await page.locator('.wm-frame').boundingBox();
  await page.mouse.click(frame.x + frame.width - 20, frame.y + frame.height - 20);
  await assert.doesNotReject(page.locator('.wm-hint', { hasText: 'highlighted spot' }).waitFor());
  assert.equal(await page.locator('.wm-counter').textContent(), `Step 1 of ${N}`);
  assert.match(await page.locator('[aria-live]').textContent(), /highlighted spot/);

  for (let i = 1; i <= N; i++) {
    assert.equal(await page.locator('.wm-counter').textContent(), `Step ${i} of ${N}`);
    const instruction = await page.locator('.wm-bubble .wm-instruction').textContent();
    assert.match(instruction, new RegExp(`^Step ${i}:`));
    if (i > 1)
      assert.equal(await page.locator('[aria-live]').textContent(), `Step ${i} of ${N}: ${instruction}`);
    assert.match(await page.locator('.wm-screen').getAttribute('aria-label'), new RegExp(`Step ${i}:`));
    await page.locator('.wm-hotspot').click();
  }
  await page.locator('.wm-done').waitFor();
  assert.match(await page.locator('.wm-done').textContent(), /completed all 5 steps/);

  const seen = await events(page);
  assert.deepEqual(seen.map((e) => e.type), ['waymark:start',
    ...Array(N).fill('waymark:step'), 'waymark:complete']);
  assert.deepEqual(seen.filter((e) => e.type === 'waymark:step').map((e) => e.step), [1, 2, 3, 4, 5]);
  assert.equal(seen[0].mode, 'try');
  assert.equal(seen[0].total, N);
  await assertQuiet(log, page);
  await page.close();
});

test('Try: keyboard only, Enter advances and Back returns', async () => {
  const { page, log } = await open(pages.plain);
  await page.locator('.wm-hotspot').waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.wm-counter').textContent(), `Step 3 of ${N}`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('.wm-counter').textContent(), `Step 2 of ${N}`);
  // Tab reaches the hotspot, a real button.
  let focused = '';
  for (let i = 0; i < 8 && focused !== 'wm-hotspot'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.className);
  }
  assert.equal(focused, 'wm-hotspot');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.wm-counter').textContent(), `Step 3 of ${N}`);
  for (let i = 3; i <= N; i++) await page.keyboard.press('ArrowRight');
  await page.locator('.wm-done').waitFor();
  await assertQuiet(log, page);
  await page.close();
});

test('Watch plays to the end by itself, and pauses', async () => {
  const { page, log } = await open(pages.plain + '#mode=watch&speed=8');
  await page.locator('.wm-pointer').waitFor();
  await page.locator('.wm-pause').click();
  const paused = await page.locator('.wm-counter').textContent();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.wm-counter').textContent(), paused, 'paused stays');
  assert.equal(await page.locator('.wm-pause').textContent(), 'Play');
  // Space resumes too (and pauses again).
  await page.locator('.wm-player').focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.wm-pause').textContent(), 'Pause');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.wm-pause').textContent(), 'Play');
  await page.locator('.wm-pause').click();
  await page.locator('.wm-done').waitFor({ timeout: 30000 });
  const seen = await events(page);
  assert.equal(seen.at(-1).type, 'waymark:complete');
  assert.equal(seen.at(-1).mode, 'watch');
  await assertQuiet(log, page);
  await page.close();
});

test('View lists every step with its zoom', async () => {
  const { page, log } = await open(pages.plain + '#mode=view');
  const cards = page.locator('.wm-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), N);
  for (let i = 0; i < N; i++) {
    const card = cards.nth(i);
    assert.match(await card.locator('.wm-card-instruction').textContent(), new RegExp(`^Step ${i + 1}:`));
    await card.scrollIntoViewIfNeeded();
  }
  // The zooms are drawn: the last one is not blank.
  await page.waitForFunction(() => {
    const c = [...document.querySelectorAll('.wm-zoom')].at(-1);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4000) if (d[i + 3] !== 0) return true;
    return false;
  });
  // Reaching the end in View completes, once every step was on screen.
  await page.waitForFunction(() => window.__wm_events.some((e) => e.type === 'waymark:complete'));
  const seen = await events(page);
  assert.deepEqual(seen.filter((e) => e.type === 'waymark:step').map((e) => e.step).sort(),
                   [1, 2, 3, 4, 5]);
  await assertQuiet(log, page);
  await page.close();
});

test('printing from Try prints every step with its zoom', async () => {
  const { page, log } = await open(pages.plain + '#mode=try');
  await page.locator('.wm-hotspot').waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('.wm-card').evaluateAll((cards) =>
    cards.filter((c) => c.getBoundingClientRect().height > 0).length), N);
  assert.equal(await page.locator('.wm-stage').isVisible(), false);
  await page.waitForFunction(() => [...document.querySelectorAll('.wm-zoom')].every((c) =>
    c.getContext('2d').getImageData(c.width / 2, c.height / 2, 1, 1).data[3] === 255));
  await assertQuiet(log, page);
  await page.close();
});

test('a redacted region shows other pixels than the original', async () => {
  const region = async (url) => {
    const { page, log } = await open(url + '#mode=try');
    await page.waitForFunction(() => {
      const c = document.querySelector('.wm-screen');
      return c.getContext('2d').getImageData(c.width / 2, c.height / 2, 1, 1).data[3] === 255;
    });
    const pixels = await page.evaluate((r) => Array.from(document.querySelector('.wm-screen')
      .getContext('2d').getImageData(r.x, r.y, r.width, r.height).data), REDACT);
    await assertQuiet(log, page);
    await page.close();
    return pixels;
  };
  const redacted = await region(pages.redacted);
  const original = await region(pages.plain);
  let differ = 0;
  const first = redacted.slice(0, 3).join();
  for (let i = 0; i < redacted.length; i += 4) {
    if (redacted.slice(i, i + 3).join() !== original.slice(i, i + 3).join()) differ++;
    assert.equal(redacted.slice(i, i + 3).join(), first, 'the redaction is one flat colour');
  }
  assert.ok(differ > (REDACT.width * REDACT.height) / 4, `${differ} pixels differ`);
});

test('hostile step texts are shown as text and nothing runs or loads', async () => {
  for (const mode of ['try', 'view', 'watch']) {
    const { page, log } = await open(pages.hostile + `#mode=${mode}&speed=8`);
    await page.locator('.wm-title').waitFor();
    const model = await page.evaluate(() => JSON.parse(document.getElementById('waymark-model').textContent));
    assert.equal(await page.locator('.wm-title').textContent(), model.title);
    assert.match(model.title, /<img src=x onerror=/);
    assert.equal(await page.title(), model.title);
    if (mode === 'try') {
      for (let i = 0; i < 12; i++) {
        await page.locator('.wm-frame').hover();
        await page.keyboard.press('Enter');
      }
      await page.locator('.wm-done').waitFor();
    } else if (mode === 'view') {
      for (const card of await page.locator('.wm-card').all()) await card.scrollIntoViewIfNeeded();
      assert.equal(await page.locator('.wm-card-instruction').first().textContent(),
                   model.steps[0].instruction);
    } else {
      await page.waitForTimeout(2000);
    }
    const found = await page.evaluate(() => ({
      pwned: window.__wm_pwned,
      elements: document.querySelectorAll('img, iframe, svg, link, base, style:not(head > style), a, script[src]').length,
      refresh: document.querySelectorAll('meta[http-equiv]').length,
      scripts: document.scripts.length,
    }));
    assert.deepEqual(found, { pwned: undefined, elements: 0, refresh: 1, scripts: 3 }, mode);
    await assertQuiet(log, page);
    await page.close();
  }
});

test('embedded in a host page, the player posts start, step and complete', async () => {
  const host = join(dir, 'host.html');
  writeFileSync(host, `<!DOCTYPE html><meta charset="utf-8"><iframe src="${pages.plain}#mode=try"
    width="900" height="600"></iframe><script>window.messages = [];
    addEventListener('message', (e) => window.messages.push(e.data));</script>`);
  const page = await browser.context.newPage();
  await page.goto(pathToFileURL(host).href);
  const frame = page.frameLocator('iframe');
  await frame.locator('.wm-hotspot').waitFor();
  for (let i = 0; i < N; i++) await frame.locator('.wm-hotspot').click();
  await frame.locator('.wm-done').waitFor();
  const messages = await page.evaluate(() => window.messages);
  assert.deepEqual(messages.map((m) => m.type), ['waymark:start', ...Array(N).fill('waymark:step'),
                                                'waymark:complete']);
  assert.ok(messages.every((m) => m.source === 'waymark' && m.total === N && m.tutorial));
  assert.equal(typeof messages.at(-1).durationMs, 'number');
  await page.close();
});

test('on a phone the picture fits and the instruction sits under it', async () => {
  const { page, log } = await open(pages.plain + '#mode=try', { viewport: { width: 390, height: 844 } });
  await page.locator('.wm-hotspot').waitFor();
  const frame = await page.locator('.wm-frame').boundingBox();
  const bubble = await page.locator('.wm-bubble').boundingBox();
  assert.ok(frame.width <= 390 && frame.width > 300, `frame ${frame.width}px wide`);
  assert.ok(bubble.y >= frame.y + frame.height, 'instruction under the picture');
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390), 'no sideways scroll');
  const next = await page.locator('.wm-next').boundingBox();
  assert.ok(next.height >= 44 && next.y + next.height <= 844, 'Next is on screen and a touch target');
  // The picture is magnified around the click, which stays under the hotspot.
  assert.match(await page.locator('.wm-screen').evaluate((c) => c.style.transform), /scale\(2/);
  await assertQuiet(log, page);
  await page.close();
});

test('reduced motion: no pulsing, no gliding pointer', async () => {
  {
    // Without the preference, the hotspot pulses.
    const { page } = await open(pages.plain + '#mode=try');
    await page.locator('.wm-hotspot').waitFor();
    assert.equal(await page.evaluate(() =>
      getComputedStyle(document.querySelector('.wm-hotspot'), '::after').animationName), 'wm-pulse');
    await page.close();
  }
  const { page, log } = await open(pages.plain + '#mode=try', { media: { reducedMotion: 'reduce' } });
  await page.locator('.wm-hotspot').waitFor();
  assert.equal(await page.evaluate(() =>
    getComputedStyle(document.querySelector('.wm-hotspot'), '::after').display), 'none');
  assert.match(await page.evaluate(() =>
    getComputedStyle(document.querySelector('.wm-pointer')).transitionDuration), /^0s/);
  await assertQuiet(log, page);
  await page.close();
});

// WCAG 2.x contrast of every kind of text the player shows, against what is really behind it.
async function contrasts (page) {
  return page.evaluate(() => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0.9) return c;
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const el of document.querySelectorAll('.wm-player *')) {
      if (!el.offsetParent || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
        continue;
      if (el.disabled) continue;   // WCAG exempts inactive controls
      const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
      out.push({ text: el.textContent.slice(0, 30), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
    }
    return out;
  });
}

test('text contrast passes WCAG AA in light and dark schemes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const hash of ['#mode=try', '#mode=view']) {
      const { page, log } = await open(pages.plain + hash, { media: { colorScheme } });
      await page.locator('.wm-counter').waitFor({ state: 'attached' });
      if (hash === '#mode=try') {
        await page.locator('.wm-frame').click({ position: { x: 5, y: 5 } });   // show the hint too
        await page.locator('.wm-hint').waitFor();
      }
      const found = await contrasts(page);
      assert.ok(found.length >= 5, `${found.length} texts checked`);
      for (const c of found)
        assert.ok(c.ratio >= 4.5, `${colorScheme} ${hash}: “${c.text}” has contrast ${c.ratio.toFixed(2)}`);
      await assertQuiet(log, page);
      await page.close();
    }
  }
});

test('Try: the instruction sits beside the hotspot, and the hotspot is on the click', async () => {
  const { page, log } = await open(pages.plain + '#mode=try');
  for (let i = 0; i < N; i++) {
    await page.locator('.wm-hotspot').waitFor();
    assert.equal(await page.locator('.wm-counter').textContent(), `Step ${i + 1} of ${N}`);
    const spot = await page.locator('.wm-hotspot').boundingBox();
    const bubble = await page.locator('.wm-bubble').boundingBox();
    const click = await clickPoint(page, i);
    const cx = spot.x + spot.width / 2, cy = spot.y + spot.height / 2;
    assert.ok(Math.abs(cx - click.x) < 2 && Math.abs(cy - click.y) < 2,
              `step ${i + 1}: hotspot at ${cx},${cy}, click at ${click.x},${click.y}`);
    // Beside it: level with the hotspot, not over it, and within a short gap of it.
    assert.ok(cy >= bubble.y && cy <= bubble.y + bubble.height, `step ${i + 1}: bubble level with the hotspot`);
    const gap = bubble.x >= cx ? bubble.x - cx : cx - (bubble.x + bubble.width);
    assert.ok(gap >= spot.width / 2 && gap <= 60, `step ${i + 1}: bubble ${gap}px from the hotspot`);
    await page.locator('.wm-hotspot').click();
  }
  await page.locator('.wm-done').waitFor();
  await assertQuiet(log, page);
  await page.close();
});

test('back, next and restart, from the controls and the completion screen', async () => {
  const { page, log } = await open(pages.plain + '#mode=try');
  const counter = page.locator('.wm-counter');
  await page.locator('.wm-hotspot').waitFor();
  assert.equal(await page.locator('.wm-back').isDisabled(), true, 'no Back on step 1');
  await page.locator('.wm-next').click();
  await page.locator('.wm-next').click();
  assert.equal(await counter.textContent(), `Step 3 of ${N}`);
  assert.equal(await page.locator('.wm-progress').getAttribute('aria-valuenow'), '2');
  await page.locator('.wm-back').click();
  assert.equal(await counter.textContent(), `Step 2 of ${N}`);
  await page.locator('.wm-restart').click();
  assert.equal(await counter.textContent(), `Step 1 of ${N}`);
  for (let i = 0; i < N; i++) await page.locator('.wm-next').click();
  await page.locator('.wm-done').waitFor();
  assert.equal(await page.locator('.wm-progress').getAttribute('aria-valuenow'), String(N));
  assert.equal(await page.locator('.wm-done-title').evaluate((e) => e === document.activeElement), true,
               'the completion screen takes the focus');
  // Back from the end shows the last step again; the completion screen's Restart starts over.
  await page.locator('.wm-back').click();
  assert.equal(await counter.textContent(), `Step ${N} of ${N}`);
  await page.locator('.wm-next').click();
  await page.locator('.wm-done .wm-button', { hasText: 'Restart' }).click();
  assert.equal(await counter.textContent(), `Step 1 of ${N}`);
  await page.locator('.wm-hotspot').waitFor();
  // "See all steps" opens View.
  for (let i = 0; i < N; i++) await page.keyboard.press('Enter');
  await page.locator('.wm-done .wm-button', { hasText: 'See all steps' }).click();
  assert.equal(await page.locator('.wm-card').count(), N);
  assert.equal(await page.locator('.wm-list').isVisible(), true);
  await assertQuiet(log, page);
  await page.close();
});

test('Watch: the pointer glides onto each step\'s click before the step moves on', async () => {
  const { page, log } = await open(pages.plain + '#mode=watch&speed=4');
  // Every animation frame, how close the pointer's tip came to the current step's click.
  await page.evaluate(() => {
    const model = JSON.parse(document.getElementById('waymark-model').textContent);
    window.__wm_closest = {};
    const tick = () => {
      const counter = document.querySelector('.wm-counter');
      const m = counter && /Step (\d+)/.exec(counter.textContent);
      const pointer = document.querySelector('.wm-pointer');
      if (m && pointer && !document.querySelector('.wm-player.wm-finished')) {
        const i = Number(m[1]) - 1, step = model.steps[i], image = model.images[step.image];
        const f = document.querySelector('.wm-frame').getBoundingClientRect();
        const p = pointer.getBoundingClientRect();
        // The arrow's tip is at (4, 2) of its 24-unit drawing.
        const tip = { x: p.x + 4 * p.width / 24, y: p.y + 2 * p.height / 24 };
        const d = Math.hypot(tip.x - (f.x + step.x / image.width * f.width),
                             tip.y - (f.y + step.y / image.height * f.height));
        window.__wm_closest[i] = Math.min(window.__wm_closest[i] ?? Infinity, d);
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
  await page.locator('.wm-done').waitFor({ timeout: 60000 });
  const closest = await page.evaluate(() => window.__wm_closest);
  for (let i = 0; i < N; i++)
    assert.ok(closest[i] < 4, `step ${i + 1}: the pointer came within ${closest[i]}px of the click`);
  await assertQuiet(log, page);
  await page.close();
});

test('annotations are drawn on the picture', async () => {
  const { page, log } = await open(pages.plain + '#mode=try');
  // Step 1 has a red box 120×50 around the click (the fixture's); its left edge is drawn.
  const at = await page.evaluate(() => {
    const model = JSON.parse(document.getElementById('waymark-model').textContent);
    const box = model.steps[0].annotations.find((a) => a.kind === 'box');
    return { x: box.x, y: box.y + Math.round(box.height / 2) };
  });
  await page.waitForFunction((at) => {
    const c = document.querySelector('.wm-screen');
    const [r, g, b, a] = c.getContext('2d').getImageData(at.x, at.y, 1, 1).data;
    return a === 255 && r > 170 && g < 60 && b < 70;
  }, at);
  // Step 5 has a callout: a pale yellow label with its text.
  for (let i = 1; i < 5; i++) await page.locator('.wm-hotspot').click();
  assert.equal(await page.locator('.wm-counter').textContent(), `Step 5 of ${N}`);
  const callout = await page.evaluate(() => {
    const model = JSON.parse(document.getElementById('waymark-model').textContent);
    return model.steps[4].annotations.find((a) => a.kind === 'callout');
  });
  assert.equal(callout.text, 'Here');
  // The picture arrives with its marks drawn (export/wm-marks.c): a dark label, white text.
  await page.waitForFunction((a) => {
    const ctx = document.querySelector('.wm-screen').getContext('2d');
    const fill = ctx.getImageData(a.x + a.width - 12, a.y + 8, 1, 1).data;
    const text = ctx.getImageData(a.x, a.y, Math.min(a.width, 120), a.height).data;
    let light = 0;
    for (let i = 0; i < text.length; i += 4)
      if (text[i] > 220 && text[i + 1] > 220 && text[i + 2] > 220) light++;
    return fill[0] < 60 && fill[1] < 60 && fill[2] < 80 && light > 20;
  }, callout);
  await assertQuiet(log, page);
  await page.close();
});

test('the mode follows the stage; Refresher opens in View with search', async () => {
  const library = join(dir, 'stages.db');
  const id = execFileSync(MAKE_FIXTURE, [library, '3']).toString().trim();
  const expect = { 'first-exposure': ['view', false], orientation: ['try', false],
                   'ramp-and-practice': ['try', false], competency: ['view', true],
                   'refresher-and-reinforcement': ['view', true] };
  for (const [stage, [mode, search]] of Object.entries(expect)) {
    execFileSync(WAYMARK, ['--library', library, 'tag', id, '--stage', stage]);
    const { page, log } = await open(exportTutorial(library, id, stage));
    await page.locator('.wm-title').waitFor();
    assert.equal(await page.locator(`.wm-mode[data-mode="${mode}"]`).getAttribute('aria-pressed'), 'true', stage);
    assert.equal(await page.locator(mode === 'view' ? '.wm-list' : '.wm-hotspot').isVisible(), true, stage);
    assert.equal(await page.locator('.wm-search input').count(), search ? 1 : 0, stage);
    assert.equal((await events(page))[0].mode, mode);
    if (stage === 'refresher-and-reinforcement') {
      await page.locator('.wm-search input').fill('step 2:');
      assert.deepEqual(await page.locator('.wm-card:visible .wm-card-instruction').allTextContents(),
                       ['Step 2: click “the checkbox”']);
      assert.equal(await page.locator('[aria-live]').textContent(), '1 of 3 steps matches.');
      await page.locator('.wm-search input').fill('no such words');
      assert.equal(await page.locator('.wm-card:visible').count(), 0);
      assert.equal(await page.locator('.wm-no-match').textContent(), 'No step matches “no such words”.');
      await page.locator('.wm-search input').fill('');
      assert.equal(await page.locator('.wm-card:visible').count(), 3);
    }
    await assertQuiet(log, page);
    await page.close();
  }
  // --mode overrides the stage.
  const { page } = await open(exportTutorial(library, id, 'forced', ['--mode', 'watch']));
  await page.locator('.wm-pointer').waitFor();
  assert.equal(await page.locator('.wm-mode[data-mode="watch"]').getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('--embed drops the header; a mangled link still opens the tutorial', async () => {
  const url = exportFixture('embed', 3, [], ['--embed']);
  const { page, log } = await open(url + '#mode=%E0%A4%A&step=%');
  await page.locator('.wm-hotspot').waitFor();
  assert.equal(await page.locator('.wm-header').count(), 0);
  assert.equal(await page.locator('.wm-modes').count(), 0);
  assert.equal(await page.locator('.wm-counter').textContent(), 'Step 1 of 3');
  await assertQuiet(log, page);
  await page.close();
});

test('author text keeps its own direction and cannot reorder the player\'s words', async () => {
  const { page, log } = await open(pages.hostile + '#mode=view');
  await page.locator('.wm-card').first().waitFor();
  const leaks = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.wm-player *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
      // What is left once the player's own isolates (FSI … PDI, nothing inside) are taken out.
      const loose = own.replace(/\u2068[^\u202a-\u202e\u2066-\u2069]*\u2069/g, '');
      if (!/[\u202a-\u202e\u2066-\u2069]/.test(loose)) continue;
      if (/isolate|plaintext/.test(getComputedStyle(el).unicodeBidi)) continue;
      out.push(el.className + ': ' + own.slice(0, 40));
    }
    return out;
  });
  assert.deepEqual(leaks, []);
  await assertQuiet(log, page);
  await page.close();
});

test('the picture scales to the window, whole, with the controls on screen', async () => {
  const { page, log } = await open(pages.plain + '#mode=try');
  await page.locator('.wm-hotspot').waitFor();
  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 },
                          { width: 1024, height: 600 }, { width: 800, height: 1100 }]) {
    await page.setViewportSize(viewport);
    const size = `${viewport.width}×${viewport.height}`;
    await page.waitForFunction((w) => document.documentElement.clientWidth === w, viewport.width);
    const frame = await page.locator('.wm-frame').boundingBox();
    const screen = await page.locator('.wm-screen').boundingBox();
    const next = await page.locator('.wm-next').boundingBox();
    assert.ok(Math.abs(frame.width / frame.height - 1920 / 1080) < 0.02, `${size}: the picture keeps its shape`);
    assert.ok(Math.abs(screen.width - frame.width) < 2 && Math.abs(screen.height - frame.height) < 2,
              `${size}: the screenshot fills its frame`);
    assert.ok(frame.x >= 0 && frame.x + frame.width <= viewport.width, `${size}: the picture fits across`);
    assert.ok(frame.width >= Math.min(viewport.width - 40, (viewport.height - 260) * 16 / 9),
              `${size}: the picture uses the room it has (${frame.width}px wide)`);
    assert.ok(next.y + next.height <= viewport.height, `${size}: Next is on screen without scrolling`);
    const spot = await page.locator('.wm-hotspot').boundingBox();
    const click = await clickPoint(page, 0);
    assert.ok(Math.abs(spot.x + spot.width / 2 - click.x) < 2 && Math.abs(spot.y + spot.height / 2 - click.y) < 2,
              `${size}: the hotspot stays on the click`);
  }
  await assertQuiet(log, page);
  await page.close();
});

function isSubsequence (part, whole) {
  let at = 0;
  for (const c of whole) if (at < part.length && part[at] === c) at++;
  return at === part.length;
}

// What a forum does with a post: markdown-it (Discourse's parser) with inline HTML allowed,
// the result put in a page with no policy of its own. The export's escaping alone must keep
// every hostile text a text. (Turning bare web addresses into links is left out: a forum's
// linkifier runs on the source, where "https://a.example/&gt;" reads as one address.)
test('the Markdown export, rendered the way a forum does, shows hostile text as text and runs nothing', async () => {
  const library = join(dir, 'hostile-md.db');
  const id = execFileSync(MAKE_FIXTURE, [library, '12', '--hostile']).toString().trim();
  const out = join(dir, 'hostile-md');
  execFileSync(WAYMARK, ['--library', library, 'export', 'markdown', id, '-o', out]);
  const tutorial = JSON.parse(execFileSync(WAYMARK, ['--library', library, 'show', id, '--json']));
  const { default: MarkdownIt } = await import('markdown-it').catch(() => {
    throw new Error('markdown-it is missing: run “npm install” in tests/browser (.ci/setup does)');
  });
  const mdName = readdirSync(out).find((n) => n.endsWith('.md'));
  const html = new MarkdownIt({ html: true }).render(readFileSync(join(out, mdName), 'utf8'));
  writeFileSync(join(out, 'post.html'), `<!DOCTYPE html><meta charset="utf-8"><title>post</title><body>${html}</body>`);
  const base = pathToFileURL(out).href + '/';
  const { page, log } = await open(base + 'post.html', { allowPrefix: base + 'images/' });
  await page.waitForFunction((n) => [...document.images].length === n &&
    [...document.images].every((i) => i.complete && i.naturalWidth > 0), tutorial.step_list.length);
  await page.waitForTimeout(500);

  const seen = await page.evaluate(() => ({
    pwned: window.__wm_pwned,
    tags: [...new Set([...document.body.querySelectorAll('*')].map((e) => e.tagName))].sort(),
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    links: [...document.links].map((a) => ({ href: a.getAttribute('href'), text: a.textContent })),
    images: [...document.images].map((i) => ({ src: i.getAttribute('src'), alt: i.alt, width: i.naturalWidth })),
    h1: document.querySelector('h1').textContent,
    h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    // What each heading shows in bold, and whether anything but text got inside it.
    strong: [...document.querySelectorAll('h2')].map((h) => [...h.querySelectorAll('strong')]
      .map((b) => ({ text: b.textContent, elements: b.children.length }))),
    text: document.body.innerText,
  }));
  const flat = (t) => String(t).replace(/\s+/g, ' ').trim();
  assert.equal(seen.pwned, undefined);
  assert.equal(seen.handlers, 0);
  for (const tag of seen.tags)
    assert.ok(['BR', 'EM', 'H1', 'H2', 'IMG', 'P', 'STRONG'].includes(tag), `no <${tag}> from author text`);
  assert.deepEqual(seen.links, [], 'no link forms from author text');
  assert.equal(flat(seen.h1), flat(tutorial.title));
  tutorial.step_list.forEach((step, i) => {
    assert.equal(flat(seen.h2[i]), flat(`${i + 1}. ${step.instruction}`));
    // The one bold part of a heading is what the step names, as text — the export's own **.
    const span = step.target_span;
    const named = span ? Buffer.from(step.instruction).subarray(span[0], span[1]).toString() : null;
    assert.deepEqual(seen.strong[i], named ? [{ text: named, elements: 0 }] : [],
                     `step ${i + 1} shows only what it names in bold`);
    // markdown-it 14 leaves backslash-escaped characters out of alt text (its issue #1142;
    // CommonMark keeps them): the alt may lack some of the instruction, and has nothing else.
    assert.ok(isSubsequence(seen.images[i].alt.replace(/\s/g, ''), step.instruction.replace(/\s/g, '')),
              `step ${i + 1}'s alt “${seen.images[i].alt}” is made of its instruction`);
    assert.match(seen.images[i].src, /^images\/[^/]+\.png$/);
    assert.equal(seen.images[i].width, 1920);
    if (step.notes)
      assert.ok(flat(seen.text).includes(flat(step.notes)), `step ${i + 1}'s notes read as written`);
  });
  assert.ok(flat(seen.text).includes(flat(tutorial.summary)));
  await assertQuiet(log, page);
  await page.close();
});
