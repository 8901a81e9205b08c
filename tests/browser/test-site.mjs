// test-site.mjs — the published library as readers see it, in headless Chromium:
// catalogue filters, a tutorial played, widget.js on a host page of another origin,
// republish after an edit, a publish killed mid-way.
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Needs WM_WAYMARK (the waymark binary) and WM_PUBLISH_FIXTURE (tests/publish's fixture
// maker); meson sets both. WM_SCREENSHOTS=DIR keeps screenshots of what was tested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const waymark = process.env.WM_WAYMARK;
const fixture = process.env.WM_PUBLISH_FIXTURE;
const shots = process.env.WM_SCREENSHOTS;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-site-'));
const db = path.join(tmp, 'library.db');
const site = path.join(tmp, 'site');
const hostDir = path.join(tmp, 'host');
let library, host, browser;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                '.css': 'text/css; charset=utf-8', '.json': 'application/json',
                '.png': 'image/png', '.atom': 'application/atom+xml' };

// A plain static server on loopback, the way any web server would serve the folder.
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: url.pathname + '/' }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
                           'Cache-Control': 'no-store' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    server.origin = `http://127.0.0.1:${server.address().port}`;
    resolve(server);
  }));
}

function publish(env = {}) {
  return spawnSync(waymark, ['--library', db, 'publish', '--to', site],
                   { env: { ...process.env, ...env }, encoding: 'utf8' });
}

// path → mtimeMs of every file of the site.
function stamps() {
  const out = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(site, full), fs.statSync(full).mtimeMs);
    }
  };
  walk(site);
  return out;
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('dialog', (d) => { page.errors.push('dialog: ' + d.message()); d.dismiss(); });
  return page;
}

async function shot(page, name) {
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, name + '.png') });
  }
}

async function visibleTitles(page) {
  return page.$$eval('.card:not([hidden]) .title', (nodes) => nodes.map((n) => n.textContent));
}

// Every <img> of the page loaded (nothing missing in the library).
async function assertImagesLoaded(page) {
  const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => {
    i.loading = 'eager';
    return i.complete && i.naturalWidth === 0;
  }).map((i) => i.src));
  assert.deepEqual(broken, []);
}

// Plays Try mode to the end: click the hotspot of each step.
async function playTry(frame) {
  await frame.waitForSelector('.wm-player');
  const tryButton = await frame.$('.wm-mode-try');
  if (tryButton) await tryButton.click();
  for (let i = 0; i < 50; i++) {
    if (await frame.$('.wm-done:not([hidden])')) break;
    const hotspot = await frame.waitForSelector('.wm-hotspot', { state: 'visible' });
    await hotspot.click();
  }
  await frame.waitForSelector('.wm-done:not([hidden])');
}

before(async () => {
  execFileSync(fixture, ['create', db]);
  execFileSync(fixture, ['hostile', db]);
  const first = publish();
  assert.equal(first.status, 0, first.stderr);
  library = await serve(site);
  fs.mkdirSync(hostDir);
  host = await serve(hostDir);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  library?.close();
  host?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the catalogue filters by role, stage and words', async () => {
  const page = await newPage();
  await page.goto(library.origin + '/');
  assert.equal((await visibleTitles(page)).length, 5);
  assert.deepEqual(await page.$$eval('.stage-group:not([hidden]) h2', (n) => n.map((e) => e.textContent)),
                   ['First Exposure', 'Orientation', 'Ramp and Practice',
                    'Refresher and Reinforcement']);
  await assertImagesLoaded(page);
  await shot(page, 'catalogue');

  // A card shows title, summary, stage, roles, steps, updated and the thumbnail.
  const card = await page.evaluate(() => {
    const c = [...document.querySelectorAll('.card')].find(
      (e) => e.querySelector('.title').textContent === 'Invite your first teammate');
    return {
      summary: c.querySelector('.summary').textContent,
      stage: c.querySelector('.stage').textContent,
      roles: [...c.querySelectorAll('.roles li')].map((li) => li.textContent),
      steps: c.querySelector('.steps').textContent,
      updated: c.querySelector('.updated time').getAttribute('datetime'),
      updatedText: c.querySelector('.updated').textContent,
      thumb: c.querySelector('img.thumb')?.naturalWidth ?? 0,
    };
  });
  assert.equal(card.summary, 'Send an invitation and choose what they can see.');
  assert.equal(card.stage, 'Orientation');
  assert.deepEqual(card.roles, ['admin']);
  assert.equal(card.steps, '3 steps');
  assert.match(card.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(card.updatedText, /^Updated \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  assert.equal(card.thumb, 480);

  await page.selectOption('#role', 'admin');
  assert.deepEqual((await visibleTitles(page)).sort(),
                   ['Invite your first teammate', 'Rotate the API keys', 'Why teams use reports']);
  await page.selectOption('#stage', 'orientation');
  assert.deepEqual(await visibleTitles(page), ['Invite your first teammate']);
  assert.match(page.url(), /#role=admin&stage=orientation$/);
  assert.equal(await page.textContent('#count'), '1 of 5 tutorials');

  await page.selectOption('#role', 'everyday user');
  assert.deepEqual(await visibleTitles(page), []);
  assert.equal(await page.isVisible('#empty'), true);

  await page.selectOption('#role', '');
  await page.selectOption('#stage', '');
  await page.fill('#search', 'pdf');
  assert.deepEqual(await visibleTitles(page), ['Export a report as PDF']);

  // A filtered view is a link.
  await page.goto(library.origin + '/#stage=refresher-and-reinforcement');
  assert.deepEqual(await visibleTitles(page), ['Rotate the API keys']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// The parts load as scripts, not fetch(): the folder opened as it is works too.
test('the catalogue opened from the folder (file://, no server) shows and filters its cards', async () => {
  const page = await newPage();
  await page.goto('file://' + path.join(site, 'index.html'));
  await page.waitForSelector('.card');
  assert.equal((await visibleTitles(page)).length, 5);
  assert.equal(await page.textContent('#total'), '5 tutorials');
  await page.selectOption('#role', 'admin');
  await page.selectOption('#stage', 'orientation');
  assert.deepEqual(await visibleTitles(page), ['Invite your first teammate']);
  assert.ok(page.requests.every((u) => u.startsWith('file://')), page.requests.join(' '));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A library on a file share: every link names a page, never a folder (which file:// would show
// as a directory listing).
test('a library opened from file:// plays a tutorial from its card, and its links lead to pages', async () => {
  const page = await newPage();
  await page.goto('file://' + path.join(site, 'index.html'));
  await page.waitForSelector('.card');
  await page.click('text=Invite your first teammate');
  await page.waitForURL('file://' + path.join(site, 't/invite-your-first-teammate/index.html'));
  assert.equal(await page.textContent('h1'), 'Invite your first teammate');
  await playTry(page);
  await assertImagesLoaded(page);

  // Every link of the tutorial page (home, versions) opens a file, not a folder.
  const links = await page.$$eval('a[href]', (a) => a.map((e) => e.href).filter(
    (h) => h.startsWith('file:')));
  assert.ok(links.length >= 1, 'the page links back to the library');
  for (const href of links)
    assert.ok(fs.statSync(new URL(href.replace(/#.*$/, ''))).isFile(), href);
  await page.click('.site-header .home');
  await page.waitForSelector('.card');
  assert.equal(page.url(), 'file://' + path.join(site, 'index.html'));
  for (const href of await page.$$eval('.card-link', (a) => a.map((e) => e.href)))
    assert.ok(fs.statSync(new URL(href)).isFile(), href);
  assert.ok(page.requests.every((u) => u.startsWith('file://')), page.requests.join(' '));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a tutorial opens from the catalogue and plays to the end', async () => {
  const page = await newPage();
  await page.goto(library.origin + '/');
  await page.click('text=Invite your first teammate');
  await page.waitForURL(library.origin + '/t/invite-your-first-teammate/');
  assert.equal(await page.textContent('h1'), 'Invite your first teammate');

  // Link and embed snippet, absolute for where the library is served.
  assert.equal(await page.inputValue('#share-link'),
               library.origin + '/t/invite-your-first-teammate/');
  assert.match(await page.inputValue('#share-embed'),
               /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/t\/invite-your-first-teammate\/embed\/" title="Invite your first teammate"/);
  await shot(page, 'tutorial');

  // The copy buttons put the link and the snippet on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'],
                                        { origin: library.origin });
  await page.click('button[data-copy="share-link"]');
  await page.waitForFunction(() => document.querySelector('.share .copied').textContent !== '');
  assert.equal(await page.textContent('.share .copied'), 'Copied to the clipboard.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
               library.origin + '/t/invite-your-first-teammate/');
  await page.click('button[data-copy="share-embed"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
               await page.inputValue('#share-embed'));

  await playTry(page);
  await shot(page, 'tutorial-done');
  assert.ok(page.requests.every((u) => u.startsWith(library.origin)), page.requests.join(' '));
  assert.deepEqual(page.errors, []);

  // The snippet's optional script sizes the iframe; without it the iframe keeps a 3:2 shape.
  assert.match(await page.inputValue('#share-embed'),
               /data-waymark[^>]*aspect-ratio:3\/2[^>]*><\/iframe>\n<script>.*<\/script>$/);

  // The chrome-less embed plays too, with no page header or share box.
  await page.goto(library.origin + '/t/invite-your-first-teammate/embed');
  assert.equal(await page.$('.site-header'), null);
  assert.equal(await page.$('.share'), null);
  await playTry(page);
  await page.context().close();
});

// An article on another origin pastes the snippet: the iframe takes its content's height at
// phone and desktop widths, so Back/Next are in view and nothing scrolls inside it.
test('the embed snippet on another origin sizes its iframe to the content', async () => {
  const page0 = await newPage();
  await page0.goto(library.origin + '/t/invite-your-first-teammate/');
  const snippet = await page0.inputValue('#share-embed');
  await page0.context().close();
  fs.writeFileSync(path.join(hostDir, 'article.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Help centre</title></head><body>
<h1>Inviting people</h1>${snippet}<p>After the tutorial.</p></body></html>`);

  const heights = {};
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(host.origin + '/article.html');
    const iframe = page.locator('iframe[data-waymark]');
    await page.waitForFunction(() => document.querySelector('iframe[data-waymark]').dataset.sized);
    const frame = page.frames().find((f) => f.url().includes('/embed/'));
    await frame.waitForSelector('.wm-player');
    // Settled: the iframe is as tall as its document, which does not scroll.
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe[data-waymark]');
      return f.style.height !== '';
    });
    await frame.waitForFunction(() => document.documentElement.classList.contains('wm-autosize'));
    await page.waitForTimeout(300);
    const inner = await frame.evaluate(() => ({
      scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
    const box = await iframe.boundingBox();
    assert.ok(Math.abs(box.height - inner.client) <= 1, `${width}: ${box.height} vs ${inner.client}`);
    assert.ok(inner.scroll <= inner.client + 1, `${width}: inner scroll ${inner.scroll} > ${inner.client}`);
    // Next is inside the iframe's box, so the reader sees it.
    const next = await frame.locator('.wm-next').boundingBox();
    assert.ok(next && next.y + next.height <= box.y + box.height + 1, `${width}: Next is cut off`);
    heights[width] = box.height;
    await shot(page, `embed-sized-${width}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // On a phone the iframe is shorter than at 960 px wide, with no blank left below.
  assert.ok(heights[390] < heights[1280], JSON.stringify(heights));
});

test('#mode=view&step=3 opens a published page in View at step 3', async () => {
  const page = await newPage();
  await page.goto(library.origin + '/t/invite-your-first-teammate/index.html#mode=view&step=3');
  await page.waitForSelector('.wm-list:not([hidden])');
  assert.equal(await page.getAttribute('.wm-mode[data-mode="view"]', 'aria-pressed'), 'true');
  const third = await page.locator('.wm-card').nth(2).boundingBox();
  assert.ok(third.y >= -1 && third.y < 900, `step 3 is in view (y=${third.y})`);
  // The embed honours it too.
  await page.goto(library.origin + '/t/invite-your-first-teammate/embed/#mode=view&step=3');
  await page.waitForSelector('.wm-list:not([hidden])');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// A typing step in Try is a field over the target: Next and Enter refuse to go on until
// something is typed; the expected text is the hint; a password step takes any text.
test('Try refuses to pass a typing step until text is typed', async () => {
  const typingDb = path.join(tmp, 'typing.db');
  const typingSite = path.join(tmp, 'typing-site');
  execFileSync(fixture, ['typing', typingDb]);
  const result = spawnSync(waymark, ['--library', typingDb, 'publish', '--to', typingSite],
                           { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const server = await serve(typingSite);
  const page = await newPage();
  await page.goto(server.origin + '/t/sign-in-for-the-first-time/#mode=try');
  const field = page.locator('.wm-type-field');
  await field.waitFor();
  assert.equal(await page.isVisible('.wm-hotspot'), false);
  assert.equal(await field.getAttribute('placeholder'), 'Ada Lovelace');
  assert.equal(await field.getAttribute('type'), 'text');
  const counter = () => page.textContent('.wm-counter');
  const before = await counter();
  await page.click('.wm-next');
  assert.equal(await counter(), before, 'Next does not skip the typing step');
  assert.match(await page.textContent('.wm-hint'), /Type the text first/);
  await field.press('Enter');
  assert.equal(await counter(), before, 'Enter in an empty field does not go on');
  // The hint bubble does not cover the field.
  const fieldBox = await field.boundingBox();
  const bubbleBox = await page.locator('.wm-bubble').boundingBox();
  assert.ok(bubbleBox.y >= fieldBox.y + fieldBox.height || bubbleBox.y + bubbleBox.height <= fieldBox.y,
            `the bubble ${JSON.stringify(bubbleBox)} covers the field ${JSON.stringify(fieldBox)}`);
  await shot(page, 'try-typing');

  await field.fill('Ada Lovelace');
  await field.press('Enter');
  await page.waitForFunction((b) => document.querySelector('.wm-counter').textContent !== b, before);
  // Step 2 is a password: any text will do, shown as dots.
  assert.equal(await field.getAttribute('type'), 'password');
  assert.equal(await field.getAttribute('placeholder'), '');
  await field.fill('hunter2');
  await field.press('Enter');
  await page.waitForSelector('.wm-hotspot', { state: 'visible' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
  server.close();
});

test('hostile catalogue text stays text', async () => {
  const page = await newPage();
  await page.goto(library.origin + '/');
  await page.fill('#search', 'pwned');
  const titles = await visibleTitles(page);
  assert.equal(titles.length, 1);
  assert.match(titles[0], /^<\/script><script>window\.pwned=1<\/script><img src=x/);
  await page.click('.card:not([hidden]) .card-link');
  await page.waitForSelector('h1');
  assert.match(await page.textContent('h1'), /window\.pwned=1/);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(page.errors, []);

  // The feed stays well-formed XML (control characters and all): a feed reader takes it.
  const atom = await (await fetch(library.origin + '/feed.atom')).text();
  const feed = await page.evaluate((text) => {
    const xml = new DOMParser().parseFromString(text, 'application/xml');
    return { error: xml.querySelector('parsererror')?.textContent ?? null,
             titles: [...xml.querySelectorAll('entry > title')].map((t) => t.textContent) };
  }, atom);
  assert.equal(feed.error, null);
  assert.equal(feed.titles.length, 5);
  assert.ok(feed.titles.some((t) => t.includes('window.pwned=1')));
  await page.context().close();
});

test('widget.js on a host page lists the role\'s tutorials and plays one in an overlay', async () => {
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Console</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${library.origin}; frame-src ${library.origin}; style-src 'self'">
</head><body><h1>Acme Console</h1><p>The host application. <a href="#billing" id="host-link">Billing</a></p>
<script src="${library.origin}/widget.js" data-role="admin" async></script>
</body></html>`);
  const page = await newPage();
  const events = [];
  await page.exposeFunction('recordEvent', (e) => events.push(e));
  await page.goto(host.origin + '/');
  await page.evaluate(() => window.addEventListener('waymark:complete',
                                                    (e) => window.recordEvent(e.detail.slug)));
  await page.click('#waymark-help .launcher');
  await page.waitForSelector('#waymark-help .list button');
  const listed = async () => page.$$eval('#waymark-help >>> .list .title',
                                         (n) => n.map((e) => e.textContent));
  const titles = await page.locator('#waymark-help .list .title').allTextContents();
  assert.deepEqual(titles.sort(), ['Invite your first teammate', 'Rotate the API keys',
                                   'Why teams use reports']);
  await page.fill('#waymark-help .search', 'keys');
  assert.deepEqual(await page.locator('#waymark-help .list .title').allTextContents(),
                   ['Rotate the API keys']);
  await page.fill('#waymark-help .search', '');
  await shot(page, 'widget-panel');

  await page.click('#waymark-help .list button[data-slug="invite-your-first-teammate"]');
  await page.waitForSelector('#waymark-help .overlay:not([hidden]) iframe');
  const frame = page.frameLocator('#waymark-help iframe');
  await frame.locator('.wm-player').waitFor();
  const inner = page.frames().find((f) => f.url().includes('/t/invite-your-first-teammate/embed/'));
  assert.ok(inner, 'the overlay shows the embed page');
  await shot(page, 'widget-overlay');
  // aria-modal: Tab and Shift+Tab go round the overlay and the player, never to the page behind.
  const where = () => page.evaluate(() => {
    const active = document.activeElement;
    if (active && active.id === 'waymark-help') {
      const inner = active.shadowRoot.activeElement;
      return inner && inner.tagName === 'IFRAME' ? 'player' : 'overlay';
    }
    return active ? active.tagName + '#' + active.id : 'none';
  });
  const visited = new Set();
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab',
                     'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    visited.add(await where());
  }
  assert.deepEqual([...visited].sort(), ['overlay', 'player'],
                   'focus stays in the overlay and its player');
  await playTry(inner);
  // The completion crosses two frames by postMessage: wait for it to arrive, not a fixed time.
  for (let i = 0; i < 100 && !events.includes('invite-your-first-teammate'); i++)
    await new Promise((r) => setTimeout(r, 100));
  await shot(page, 'widget-overlay-done');
  assert.ok(events.includes('invite-your-first-teammate'), 'the host heard waymark:complete');

  // Escape pressed with focus inside the player's frame closes the overlay (the player forwards it).
  await inner.locator('.wm-player button:visible').first().focus();
  assert.equal(await where(), 'player');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#waymark-help .overlay', { state: 'hidden', timeout: 5000 });
  assert.equal(await page.evaluate(() =>
    document.getElementById('waymark-help').shadowRoot.activeElement.className), 'launcher');
  assert.deepEqual(page.errors, []);
  void listed;
  await page.context().close();
});

test('widget.js with data-stage lists only those stages, and without a role every role', async () => {
  fs.writeFileSync(path.join(hostDir, 'stages.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Console</title></head><body>
<script src="${library.origin}/widget.js" data-stage="refresher-and-reinforcement first-exposure"
        data-label="Need a hand?" data-position="left"></script>
</body></html>`);
  const page = await newPage();
  await page.goto(host.origin + '/stages.html');
  assert.equal(await page.textContent('#waymark-help .launcher'), '?Need a hand?');
  await page.click('#waymark-help .launcher');
  await page.waitForSelector('#waymark-help .list button');
  assert.deepEqual((await page.locator('#waymark-help .list .title').allTextContents()).sort(),
                   ['Rotate the API keys', 'Why teams use reports']);
  const box = await page.locator('#waymark-help .launcher').boundingBox();
  assert.ok(box.x < 100, 'data-position="left" puts the button on the left');
  await page.fill('#waymark-help .search', 'nothing like this');
  assert.equal(await page.isVisible('#waymark-help .empty'), true);
  assert.equal(await page.textContent('#waymark-help .empty'), 'No tutorial matches.');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('edit, re-approve, republish: the same link shows the change; only it was rewritten', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1100));   // so "updated" visibly moves
  const before = stamps();
  execFileSync(fixture, ['edit', db, 'export-a-report-as-pdf', 'Open Reports, then choose Export']);
  const result = publish();
  assert.equal(result.status, 0, result.stderr);
  const afterStamps = stamps();
  const changed = [...afterStamps.keys()].filter((p) => before.get(p) !== afterStamps.get(p)).sort();
  /* The catalogue's page stays; only the changed tutorial's part of it is rewritten. */
  const parts = changed.filter((p) => p.startsWith('catalog/'));
  assert.equal(parts.length, 2, changed.join(' '));
  assert.match(parts[0], /^catalog\/[0-9a-f]{2}\.js$/);
  assert.equal(parts[1], parts[0].replace(/\.js$/, '.json'));
  assert.deepEqual(changed.filter((p) => !p.startsWith('catalog/')),
                            ['catalog.json', 'feed.atom',
                             't/export-a-report-as-pdf/embed/index.html',
                             't/export-a-report-as-pdf/index.html',
                             't/export-a-report-as-pdf/tutorial.json',
                             't/export-a-report-as-pdf/v2/embed/index.html',
                             't/export-a-report-as-pdf/v2/index.html']);

  const page = await newPage();
  await page.goto(library.origin + '/t/export-a-report-as-pdf/');
  await page.waitForSelector('.wm-player');
  assert.match(await page.textContent('body'), /Open Reports, then choose Export/);
  await page.goto(library.origin + '/t/export-a-report-as-pdf/v1/');
  assert.doesNotMatch(await page.textContent('body'), /Open Reports, then choose Export/);
  assert.match(await page.textContent('.notice'), /version 1/);
  await page.context().close();
});

test('a publish killed mid-way leaves the previous library whole', async () => {
  execFileSync(fixture, ['edit', db, 'rotate-the-api-keys', 'Killed before anyone saw this']);
  const catalogBefore = fs.readFileSync(path.join(site, 'catalog.json'), 'utf8');
  const killed = publish({ WAYMARK_PUBLISH_KILL_AFTER: '2' });
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(fs.readFileSync(path.join(site, 'catalog.json'), 'utf8'), catalogBefore);

  const page = await newPage();
  await page.goto(library.origin + '/');
  assert.equal((await visibleTitles(page)).length, 5);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await assertImagesLoaded(page);
  for (const href of await page.$$eval('.card-link', (a) => a.map((e) => e.href))) {
    const response = await page.goto(href);
    assert.equal(response.status(), 200, href);
    await page.waitForSelector('.wm-player');
    await assertImagesLoaded(page);
  }
  assert.deepEqual(page.errors, []);

  // The next publish breaks the dead one's lock and completes.
  const again = publish();
  assert.equal(again.status, 0, again.stderr);
  await page.goto(library.origin + '/t/rotate-the-api-keys/');
  assert.match(await page.textContent('body'), /Killed before anyone saw this/);
  await page.context().close();
});
