// test-lms.mjs — SCORM 1.2, SCORM 2004 and cmi5 packages in headless Chromium, with a real
// SCORM run-time (scorm-again, the API an LMS exposes) and a cmi5 launch served on 127.0.0.1
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Packages are made by the real `waymark export scorm12|scorm2004|cmi5` from a fixture library
// (wm-make-fixture), unpacked as an LMS does, validated against the ADL schema files they
// carry (xmllint), then launched: in a frame whose parent holds the SCORM API, or with cmi5's
// launch parameters pointing at this test's fetch URL and statement endpoint. Statements are
// checked with Learning Locker's xAPI validator and against the cmi5 rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openRecorded } from './harness.mjs';

const require = createRequire(import.meta.url);
const validateStatement = require('xapi-validation').default;
const SCORM_AGAIN = fileURLToPath(new URL('./node_modules/scorm-again/dist/', import.meta.url));

const WAYMARK = process.env.WM_WAYMARK;
const MAKE_FIXTURE = process.env.WM_MAKE_FIXTURE;
const N = 5;
const MASTERY = 80;
const HOSTILE_TITLE = '<img src=x onerror="window.__wm_pwned=1">';   // wm_fixture_hostile_texts[0]
const CMI5 = 'https://w3id.org/xapi/cmi5/';

let dir, browser, server, origin;
const packages = {};
const lrs = { statements: [], states: new Map(), tokens: new Map(), refused: [] };

function unzip (zip, into) {
  mkdirSync(into, { recursive: true });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, into]);
  return into;
}

function exportPackage (library, id, format, extra = []) {
  const zip = join(dir, `${format}.zip`);
  execFileSync(WAYMARK, ['--library', library, 'export', format, id, '-o', zip, ...extra]);
  return { zip, root: unzip(zip, join(dir, 'pkg', format)) };
}

/* The LMS's side of a launch: static files, a SCORM host page, cmi5's fetch URL and LRS. */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
                '.png': 'image/png', '.xml': 'application/xml', '.json': 'application/json' };

function serveFile (res, base, rel) {
  const path = normalize(join(base, rel));
  if (!path.startsWith(base)) { res.writeHead(403).end(); return; }
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' }).end(body);
  } catch (e) {
    res.writeHead(404).end();
  }
}

function hostPage (format) {
  const cls = format === 'scorm12' ? 'Scorm12API' : 'Scorm2004API';
  const name = format === 'scorm12' ? 'API' : 'API_1484_11';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/${format}.js"></script></head><body>
<iframe id="sco" style="width:1200px;height:760px;border:0"></iframe>
<script>
  window.${name} = new ${cls}({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
  const saved = sessionStorage.getItem('cmi');
  if (saved) window.${name}.loadFromJSON(JSON.parse(saved));
  window.__calls = [];
  window.${name}.on('${format === 'scorm12' ? 'LMSFinish' : 'Terminate'}', () => window.__calls.push('finish'));
  document.getElementById('sco').src = '/pkg/${format}/index.html';
</script></body></html>`;
}

function readBody (req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

function lrsAuthorised (req) {
  const auth = req.headers.authorization || '';
  const token = auth.replace(/^Basic /, '');
  return [...lrs.tokens.values()].some((t) => t.token === token && t.issued) &&
         req.headers['x-experience-api-version'] === '1.0.3';
}

async function handle (req, res) {
  const url = new URL(req.url, origin);
  const p = url.pathname;
  if (p.startsWith('/pkg/')) return serveFile(res, join(dir, 'pkg'), p.slice(5));
  if (p.startsWith('/scorm-again/')) return serveFile(res, SCORM_AGAIN, p.slice(13));
  if (p.startsWith('/host/')) {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(hostPage(p.slice(6).replace('.html', '')));
    return;
  }
  if (p.startsWith('/cmi5/fetch/')) {
    // One token per launch, and only for the first request (cmi5 9.3).
    const t = lrs.tokens.get(p.slice(12));
    if (!t || t.issued || req.method !== 'POST') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ 'error-code': '1', 'error-text': 'already fetched' }));
      return;
    }
    t.issued = true;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ 'auth-token': t.token }));
    return;
  }
  if (p.startsWith('/lrs/')) {
    if (req.method === 'OPTIONS') { res.writeHead(204).end(); return; }
    if (!lrsAuthorised(req)) { lrs.refused.push(`${req.method} ${p}`); res.writeHead(401).end(); return; }
    const body = await readBody(req);
    if (p === '/lrs/statements' && req.method === 'POST') {
      const batch = [].concat(JSON.parse(body));
      lrs.statements.push(...batch);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(batch.map((s) => s.id)));
      return;
    }
    if (p === '/lrs/activities/state') {
      const key = [url.searchParams.get('stateId'), url.searchParams.get('activityId'),
                   url.searchParams.get('registration')].join(' ');
      if (req.method === 'PUT') { lrs.states.set(key, body); res.writeHead(204).end(); return; }
      if (lrs.states.has(key)) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(lrs.states.get(key));
      } else {
        res.writeHead(404).end();
      }
      return;
    }
  }
  res.writeHead(404).end();
}

/* What an LMS does before a cmi5 launch: LMS.LaunchData in the state API, a token, the URL. */
function cmi5Launch (registration, sessionid, n) {
  const actor = { objectType: 'Agent', name: 'Learner', account: { homePage: origin, name: 'learner-1' } };
  const activity = 'https://academy.example.com/au/waymark-fixture';
  const template = { contextActivities: { grouping: [{ id: 'https://academy.example.com/course' }] },
                     extensions: { [CMI5 + 'context/extensions/sessionid']: sessionid } };
  lrs.states.set(['LMS.LaunchData', activity, registration].join(' '), JSON.stringify({
    contextTemplate: template, launchMode: 'Normal', moveOn: 'Completed', masteryScore: MASTERY / 100 }));
  lrs.tokens.set(String(n), { token: Buffer.from(`launch-${n}:secret`).toString('base64'), issued: false });
  const q = new URLSearchParams({ endpoint: `${origin}/lrs/`, fetch: `${origin}/cmi5/fetch/${n}`,
                                  actor: JSON.stringify(actor), registration, activityId: activity });
  return { url: `${origin}/pkg/cmi5/index.html?${q}`, actor, activity, sessionid };
}

before(async () => {
  assert.ok(WAYMARK && MAKE_FIXTURE, 'WM_WAYMARK and WM_MAKE_FIXTURE must name the programs');
  dir = mkdtempSync(join(tmpdir(), 'wm-browser-lms-'));
  const library = join(dir, 'library.db');
  const id = execFileSync(MAKE_FIXTURE, [library, String(N), '--hostile']).toString().trim();
  for (const format of ['scorm12', 'scorm2004', 'cmi5'])
    packages[format] = exportPackage(library, id, format, ['--mastery', String(MASTERY), '--mode', 'try']);
  server = createServer((req, res) => { handle(req, res).catch((e) => res.writeHead(500).end(String(e))); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/* Official schemas: the manifest's namespaces, each from the file the package carries. */
function validateManifest (root, imports) {
  const wrapper = join(root, 'waymark-test-wrapper.xsd');
  writeFileSync(wrapper, `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:waymark:test">
${imports.map(([ns, file]) => `  <xsd:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n')}
</xsd:schema>`);
  try {
    return execFileSync('xmllint', ['--noout', '--schema', wrapper, join(root, 'imsmanifest.xml')],
                        { stdio: 'pipe' }).toString();
  } finally {
    rmSync(wrapper);
  }
}

function xpath (file, expr) {
  return execFileSync('xmllint', ['--xpath', expr, file]).toString().trim();
}

const SCORM12_SCHEMAS = [
  ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
];
const SCORM2004_SCHEMAS = [
  ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
  ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
  ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
];

function listFiles (root, prefix = '') {
  return readdirSync(root).flatMap((name) => statSync(join(root, name)).isDirectory()
    ? listFiles(join(root, name), prefix + name + '/') : [prefix + name]);
}

test('the SCORM manifests validate against the ADL schemas they carry, and list every file', () => {
  for (const [format, schemas] of [['scorm12', SCORM12_SCHEMAS], ['scorm2004', SCORM2004_SCHEMAS]]) {
    const root = packages[format].root;
    assert.doesNotThrow(() => validateManifest(root, schemas), `${format} manifest is valid`);
    const manifest = join(root, 'imsmanifest.xml');
    const listed = xpath(manifest, '//*[local-name()="file"]/@href').match(/href="[^"]*"/g)
      .map((h) => h.slice(6, -1)).sort();
    const sco = listFiles(root).filter((f) => !/\.(xsd|dtd)$/.test(f) && f !== 'imsmanifest.xml').sort();
    assert.deepEqual(listed, sco, `${format}: the resource lists exactly the SCO's files`);
    assert.ok(sco.some((f) => /^images\/[0-9a-f]+\.png$/.test(f)), 'content-addressed images');
    // The hostile title is text in the manifest (one title element, its value the raw string).
    const title = xpath(manifest, 'string(//*[local-name()="organization"]/*[local-name()="title"])');
    assert.equal(title, HOSTILE_TITLE);
  }
  // A broken manifest fails the same check, so the check can fail.
  const root = packages.scorm2004.root, manifest = join(root, 'imsmanifest.xml');
  const good = readFileSync(manifest, 'utf8');
  try {
    writeFileSync(manifest, good.replace('<item identifier="item"', '<item'));
    assert.throws(() => validateManifest(root, SCORM2004_SCHEMAS));
  } finally {
    writeFileSync(manifest, good);
  }
});

test('the cmi5 course structure has one AU that moves on when completed, titles as text', () => {
  const file = join(packages.cmi5.root, 'cmi5.xml');
  assert.equal(xpath(file, 'count(//*[local-name()="au"])'), '1');
  assert.equal(xpath(file, 'string(//*[local-name()="au"]/@moveOn)'), 'Completed');
  assert.equal(xpath(file, 'string(//*[local-name()="au"]/@masteryScore)'), '0.80');
  assert.equal(xpath(file, 'string(//*[local-name()="au"]/*[local-name()="url"])'), 'index.html');
  assert.equal(xpath(file, 'string(//*[local-name()="au"]/*[local-name()="title"])'), HOSTILE_TITLE);
  // No data: bloat: pictures are files.
  assert.ok(!readFileSync(join(packages.cmi5.root, 'index.html'), 'utf8').includes('data:image'));
});

/* Plays Try in the SCO's frame: one miss on the first step, then the hotspots. */
async function missOnce (page, frame) {
  const box = await frame.locator('.wm-frame').boundingBox();
  await page.mouse.click(box.x + box.width - 12, box.y + box.height - 12);
  await frame.locator('.wm-hint', { hasText: 'highlighted spot' }).waitFor();
}

async function counter (frame) {
  return frame.locator('.wm-counter').textContent();
}

async function clickThrough (frame, from, to) {
  for (let i = from; i < to; i++) {
    assert.equal(await counter(frame), `Step ${i} of ${N}`);
    await frame.locator('.wm-hotspot').click();
  }
}

function cmiOf (page, format) {
  return page.evaluate((name) => JSON.parse(JSON.stringify(window[name].cmi)),
                       format === 'scorm12' ? 'API' : 'API_1484_11');
}

async function leave (page) {
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.waitForFunction(() => window.__calls.includes('finish'));
}

for (const format of ['scorm12', 'scorm2004']) {
  test(`${format}: progress, resume at the stored step, then completion and mastery`, async () => {
    const { page, log } = await openRecorded(browser.context, `${origin}/host/${format}.html`,
                                             { allowPrefix: origin });
    const frame = page.frameLocator('#sco');
    await frame.locator('.wm-hotspot').waitFor();
    await missOnce(page, frame);
    await clickThrough(frame, 1, 3);
    assert.equal(await counter(frame), `Step 3 of ${N}`);
    await leave(page);

    let cmi = await cmiOf(page, format);
    if (format === 'scorm12') {
      assert.equal(cmi.core.lesson_location, '3');
      assert.equal(cmi.core.lesson_status, 'incomplete');
      assert.equal(cmi.core.exit, 'suspend');
      assert.match(cmi.core.session_time, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    } else {
      assert.equal(cmi.location, '3');
      assert.equal(cmi.completion_status, 'incomplete');
      assert.equal(cmi.exit, 'suspend');
      assert.equal(Number(cmi.progress_measure), 0.6);
      assert.match(cmi.session_time, /^PT(\d+H)?(\d+M)?[\d.]+S$/);
    }
    const suspend = JSON.parse(cmi.suspend_data);
    assert.equal(suspend.s, 3);
    assert.deepEqual(suspend.m, [1]);

    // The LMS keeps the learner's data; the next launch resumes at step 3.
    const saved = await page.evaluate((name) => JSON.stringify(window[name].renderCommitCMI(true)),
                                      format === 'scorm12' ? 'API' : 'API_1484_11');
    await page.evaluate((s) => sessionStorage.setItem('cmi', s), saved);
    await page.reload();
    await frame.locator('.wm-hotspot').waitFor();
    assert.equal(await counter(frame), `Step 3 of ${N}`);
    await clickThrough(frame, 3, N + 1);
    await frame.locator('.wm-done').waitFor();
    await leave(page);

    cmi = await cmiOf(page, format);
    // One miss in five steps: 80 %, which is the mastery asked for.
    if (format === 'scorm12') {
      assert.equal(cmi.core.lesson_status, 'passed');
      assert.equal(Number(cmi.core.score.raw), 80);
      assert.equal(cmi.core.exit, '');
      assert.equal(cmi.core.lesson_location, String(N));
    } else {
      assert.equal(cmi.completion_status, 'completed');
      assert.equal(cmi.success_status, 'passed');
      assert.equal(Number(cmi.score.scaled), 0.8);
      assert.equal(cmi.exit, 'normal');
      assert.equal(Number(cmi.progress_measure), 1);
    }
    assert.deepEqual(log.errors, [], 'no page error');
    assert.equal(await page.evaluate(() => window.__wm_pwned), undefined);
    await page.close();
  });
}

/* Playwright's request interception (openRecorded) drops keepalive requests, which is how
 * the AU sends statements; this page only watches: every request must go to the LMS. */
async function openWatched (url) {
  const page = await browser.context.newPage();
  const log = { requests: [], errors: [] };
  page.on('request', (r) => { if (!r.url().startsWith(origin + '/')) log.requests.push(r.url()); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.goto(url);
  return { page, log };
}

function statementsFor (registration) {
  return lrs.statements.filter((s) => s.context?.registration === registration);
}

function verbOf (s) { return s.verb.id.split('/').pop(); }

/* The last statement of a session leaves with the page (keepalive): wait for it. */
async function terminated (sessionid) {
  for (let i = 0; i < 100; i++) {
    if (lrs.statements.some((s) => verbOf(s) === 'terminated' &&
        s.context.extensions[CMI5 + 'context/extensions/sessionid'] === sessionid)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no terminated statement for session ${sessionid}`);
}

test('cmi5: statements follow the profile, each step is sent, and a relaunch resumes', async () => {
  const registration = '9d1f1bd2-50a4-4e44-9d6c-3b0a8c2f7e11';
  const first = cmi5Launch(registration, 'a1b2c3d4-0000-4000-8000-000000000001', 1);
  const { page, log } = await openWatched(first.url);
  await page.locator('.wm-hotspot').waitFor();
  await clickThrough(page, 1, 3);
  await page.goto('about:blank');
  await terminated(first.sessionid);

  let sent = statementsFor(registration);
  assert.deepEqual(sent.map(verbOf), ['initialized', 'progressed', 'progressed', 'progressed', 'terminated']);
  // Relaunch in a new session: the AU resumes at the step it saved in its state document.
  const second = cmi5Launch(registration, 'a1b2c3d4-0000-4000-8000-000000000002', 2);
  const again = await openWatched(second.url);
  await again.page.locator('.wm-hotspot').waitFor();
  assert.equal(await counter(again.page), `Step 3 of ${N}`);
  await clickThrough(again.page, 3, N + 1);
  await again.page.locator('.wm-done').waitFor();
  await again.page.goto('about:blank');
  await terminated(second.sessionid);

  sent = statementsFor(registration);
  const session2 = sent.filter((s) => s.context.extensions[CMI5 + 'context/extensions/sessionid'] === second.sessionid);
  assert.deepEqual(session2.map(verbOf),
                   ['initialized', 'progressed', 'progressed', 'progressed', 'completed', 'passed', 'terminated']);

  for (const s of sent) {
    assert.deepEqual(validateStatement(s), [], `valid xAPI: ${JSON.stringify(s)}`);
    assert.deepEqual(s.actor, first.actor);
    assert.equal(s.object.id, first.activity);
    assert.ok(s.context.contextActivities.grouping, 'the context template is kept');
    const categories = (s.context.contextActivities.category || []).map((c) => c.id);
    const defined = verbOf(s) !== 'progressed';
    assert.equal(categories.includes(CMI5 + 'context/categories/cmi5'), defined, `${verbOf(s)}: cmi5 category`);
    assert.equal(categories.includes(CMI5 + 'context/categories/moveon'),
                 ['completed', 'passed', 'failed'].includes(verbOf(s)), `${verbOf(s)}: moveon category`);
  }
  const progressed = session2.filter((s) => verbOf(s) === 'progressed');
  assert.deepEqual(progressed.map((s) => s.context.extensions['urn:waymark:xapi:step']), [3, 4, 5]);
  const model = JSON.parse(readFileSync(join(packages.cmi5.root, 'index.html'), 'utf8')
    .match(/id="waymark-model">([^<]*)</)[1]);
  assert.deepEqual(progressed.map((s) => s.context.extensions['urn:waymark:xapi:instruction']),
                   model.steps.slice(2).map((st) => st.instruction));
  const completed = session2.find((s) => verbOf(s) === 'completed');
  assert.equal(completed.result.completion, true);
  assert.match(completed.result.duration, /^PT/);
  const passed = session2.find((s) => verbOf(s) === 'passed');
  assert.equal(passed.result.success, true);
  assert.equal(passed.context.extensions[CMI5 + 'context/extensions/masteryscore'], 0.8);
  assert.deepEqual(lrs.refused, [], 'every request carried the token and the xAPI version');
  assert.deepEqual(log.errors.concat(again.log.errors), [], 'no page error');
  assert.deepEqual(log.requests.concat(again.log.requests), [], 'no request but to the LMS');
  await page.close();
  await again.page.close();
});

test('opened from disk with no LMS, each package plays to the end with no request or error', async () => {
  for (const format of ['scorm12', 'scorm2004', 'cmi5']) {
    const root = packages[format].root;
    const url = pathToFileURL(join(root, 'index.html')).href;
    const { page, log } = await openRecorded(browser.context, url,
                                             { allowPrefix: pathToFileURL(root).href + '/' });
    await page.locator('.wm-hotspot').waitFor();
    await clickThrough(page, 1, N + 1);
    await page.locator('.wm-done').waitFor();
    assert.deepEqual(log.requests, [], `${format}: no request`);
    assert.deepEqual(log.errors, [], `${format}: no page error`);
    assert.deepEqual(await page.evaluate(() => window.__wm_violations), [], `${format}: no CSP violation`);
    assert.equal(await page.evaluate(() => window.__wm_pwned), undefined);
    await page.close();
  }
});

test('publish --packages puts the three packages beside each tutorial, the AU named by its stable link', () => {
  const library = join(dir, 'published.db');
  const id = execFileSync(MAKE_FIXTURE, [library, '3']).toString().trim();
  const waymark = (...args) => execFileSync(WAYMARK, ['--library', library, ...args], { stdio: 'pipe' }).toString();
  waymark('submit', id);
  waymark('approve', id);
  const site = join(dir, 'published-site');
  const out = waymark('publish', '--to', site, '--packages', '--base-url', 'https://academy.example.com/help/');
  const slug = out.match(/t\/([^/\s]+)\//)[1];
  for (const format of ['scorm12', 'scorm2004', 'cmi5']) {
    const zip = join(site, 't', slug, `${slug}-${format}.zip`);
    const root = unzip(zip, join(dir, 'published', format));
    assert.ok(readFileSync(join(root, 'index.html'), 'utf8').includes('waymark-lms'), `${format}: a launch page`);
    if (format === 'cmi5') {
      assert.equal(xpath(join(root, 'cmi5.xml'), 'string(//*[local-name()="au"]/@id)'),
                   `https://academy.example.com/help/t/${slug}/`);
    } else {
      assert.doesNotThrow(() => validateManifest(root, format === 'scorm12' ? SCORM12_SCHEMAS : SCORM2004_SCHEMAS));
    }
  }
});
