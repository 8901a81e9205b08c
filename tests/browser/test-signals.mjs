// test-signals.mjs — adoption signals end to end: a library published with --lrs, readers in
// Chromium, a real LRS (Learning Locker's xapi-statements, in memory, on 127.0.0.1), and
// `waymark signals pull` turning the statements into figures
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';

const require = createRequire(import.meta.url);
const validateStatement = require('xapi-validation').default;
const LRS_SERVER = fileURLToPath(new URL('./node_modules/@learninglocker/xapi-statements/dist/server.js',
                                         import.meta.url));

const WAYMARK = process.env.WM_WAYMARK;
const MAKE_FIXTURE = process.env.WM_MAKE_FIXTURE;
const N = 5;
const HOSTILE = '<img src=x onerror="window.__wm_pwned=1">\u001b[31m red';

let dir, browser, lrs, lrsUrl, site, siteUrl, library, id, slug;

function waymark (...args) {
  return execFileSync(WAYMARK, ['--library', library, ...args], { stdio: 'pipe' }).toString();
}

async function freePort () {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/* The LRS: Learning Locker's statement service with in-memory repositories. */
async function startLrs () {
  const port = await freePort();
  const child = fork(LRS_SERVER, [], {
    env: { ...process.env, AUTH_REPO: 'test', EVENTS_REPO: 'test', MODELS_REPO: 'memory',
           STORAGE_REPO: 'memory', EXPRESS_PORT: String(port), WINSTON_CONSOLE_LEVEL: 'error',
           EXPRESS_MORGAN_DIRECTORY: join(dir, 'lrs-logs') },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.on('message', (m) => { if (m === 'ready') resolve(); });
    child.on('exit', (code) => reject(new Error(`the LRS exited (${code})`)));
    setTimeout(() => reject(new Error('the LRS did not start')), 60000);
  });
  return { child, url: `http://127.0.0.1:${port}/xAPI/` };
}

async function lrsStatements () {
  const all = [];
  let url = `${lrsUrl}statements?limit=100`;
  while (url) {
    const r = await fetch(url, { headers: { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic a2V5OnNlY3JldA==' } });
    const page = await r.json();
    all.push(...page.statements);
    url = page.more ? new URL(page.more, lrsUrl).href : null;
  }
  return all;
}

function serveSite (root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png',
                  '.json': 'application/json' };
  const server = createServer((req, res) => {
    let path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
    if (path.endsWith('/')) path += 'index.html';
    let body;
    try { body = readFileSync(path); } catch (e) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' }).end(body);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

before(async () => {
  assert.ok(WAYMARK && MAKE_FIXTURE, 'WM_WAYMARK and WM_MAKE_FIXTURE must name the programs');
  dir = mkdtempSync(join(tmpdir(), 'wm-browser-signals-'));
  library = join(dir, 'library.db');
  id = execFileSync(MAKE_FIXTURE, [library, String(N)]).toString().trim();
  waymark('submit', id);
  waymark('approve', id);
  ({ child: lrs, url: lrsUrl } = await startLrs());
  const out = waymark('publish', '--to', join(dir, 'site'), '--lrs', lrsUrl, '--lrs-key', 'key:secret');
  slug = out.match(/t\/([^/\s]+)\//)[1];
  site = await serveSite(join(dir, 'site'));
  siteUrl = `http://127.0.0.1:${site.address().port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  lrs?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/* A reader: a fresh browser profile (its own anonymous id) on the tutorial's page. */
async function reader (fn) {
  const b = await launch();
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${siteUrl}t/${slug}/`);
  await page.locator('.wm-hotspot').waitFor();
  await fn(page);
  await page.goto('about:blank');
  await b.close();
  return errors;
}

async function clickTo (page, step) {
  while (Number((await page.locator('.wm-counter').textContent()).match(/Step (\d+)/)[1]) < step)
    await page.locator('.wm-hotspot').click();
}

async function waitForTerminated (n) {
  for (let i = 0; i < 100; i++) {
    const s = await lrsStatements();
    if (s.filter((x) => x.verb.id.endsWith('/terminated')).length >= n) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`fewer than ${n} terminated statements reached the LRS`);
}

test('readers send valid statements to the LRS; signals pull reports the exact figures', async () => {
  // One reader to the end, helped, with a hostile comment.
  let errors = await reader(async (page) => {
    for (let i = 0; i < N; i++) await page.locator('.wm-hotspot').click();
    await page.locator('.wm-done .wm-feedback-answer', { hasText: 'Yes' }).click();
    await page.locator('.wm-done textarea').fill(HOSTILE);
    await page.locator('.wm-done .wm-feedback-send').click();
    await page.locator('.wm-done .wm-feedback-thanks').waitFor();
  });
  // One who gives up at step 3.
  errors = errors.concat(await reader(async (page) => { await clickTo(page, 3); }));
  // One who says, at step 2, that it did not help.
  errors = errors.concat(await reader(async (page) => {
    await clickTo(page, 2);
    await page.locator('.wm-feedback-toggle').click();
    await page.locator('.wm-feedback-panel .wm-feedback-answer', { hasText: 'No' }).click();
    await page.locator('.wm-feedback-panel .wm-feedback-send').click();
    await page.locator('.wm-feedback-panel .wm-feedback-thanks').waitFor();
  }));
  assert.deepEqual(errors, [], 'no page error');

  const statements = await waitForTerminated(3);
  for (const s of statements)
    assert.deepEqual(validateStatement(s), [], `valid xAPI: ${JSON.stringify(s)}`);
  const verbs = statements.map((s) => s.verb.id.split('/').pop()).sort();
  assert.deepEqual(verbs, [
    ...Array(3).fill('launched'), 'completed', ...Array(N + 3 + 2).fill('progressed'),
    ...Array(2).fill('responded'), ...Array(3).fill('terminated')].sort());
  for (const s of statements) {
    assert.equal(s.object.id, `urn:waymark:tutorial:${id}`);
    assert.equal(s.context.extensions['urn:waymark:xapi:tutorial'], id);
    assert.equal(s.context.extensions['urn:waymark:xapi:version'], 1);
    assert.ok(s.actor.account?.name, 'anonymous by default');
  }
  assert.equal(new Set(statements.map((s) => s.actor.account.name)).size, 3, 'three readers');
  const gaveUp = statements.find((s) => s.verb.id.endsWith('/terminated') && s.result.completion === false &&
                                        s.context.extensions['urn:waymark:xapi:step'] === 3);
  assert.ok(gaveUp, 'leaving at step 3 says so');

  const pulled = waymark('signals', 'pull', '--from', lrsUrl, '--key', 'key:secret');
  assert.match(pulled, new RegExp(`Read ${statements.length} statements, ${statements.length} new signals kept`));
  const again = waymark('signals', 'pull', '--from', lrsUrl, '--key', 'key:secret');
  assert.match(again, /Read 0 statements, 0 new signals kept/, 'a second pull adds nothing twice');

  const [fig] = JSON.parse(waymark('signals', id, '--json'));
  assert.equal(fig.readers, 3);
  assert.equal(fig.starts, 3);
  assert.equal(fig.completions, 1);
  assert.deepEqual(fig.funnel, [3, 3, 2, 1, 1]);
  assert.equal(fig.drop_step, 2);
  assert.equal(fig.helpful_yes, 1);
  assert.equal(fig.helpful_no, 1);
  assert.deepEqual(fig.comments.map((c) => c.comment), [HOSTILE]);
  // On a terminal the comment's escape character is shown, not obeyed.
  const text = waymark('signals', id);
  assert.ok(!text.includes('\u001b'), 'no raw escape code printed');
  assert.ok(text.includes('\\033[31m') || text.includes('\\x1b'), 'the escape is visible');
});

test('an unreachable LRS leaves the player working and the statements queued', async () => {
  const dead = `http://127.0.0.1:${await freePort()}/xAPI/`;
  waymark('publish', '--to', join(dir, 'site'), '--lrs', dead);
  const b = await launch();
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${siteUrl}t/${slug}/`);
  await page.locator('.wm-hotspot').waitFor();
  for (let i = 0; i < N; i++) await page.locator('.wm-hotspot').click();
  await page.locator('.wm-done').waitFor();
  await new Promise((r) => setTimeout(r, 1000));
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('waymark.signals.queue') || '[]'));
  assert.ok(queued.length >= N + 2, `statements kept for later (${queued.length})`);
  assert.deepEqual(errors, []);
  await b.close();
  waymark('publish', '--to', join(dir, 'site'), '--lrs', lrsUrl, '--lrs-key', 'key:secret');
});
