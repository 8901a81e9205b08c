// harness.mjs — headless Chromium for Waymark's browser tests, and a network recorder
//
// Copyright 2026 The Waymark authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Debian's /usr/bin/chromium driven by playwright-core (no browser download), with a fresh
// profile per launch. Shared by every suite's browser tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  throw new Error('playwright-core is missing: run “npm install” in tests/browser (.ci/setup does)');
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A browser context on a fresh profile; close() removes the profile.
export async function launch (options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'wm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.WM_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport || { width: 1280, height: 800 },
    reducedMotion: options.reducedMotion || 'no-preference',
    colorScheme: options.colorScheme || 'light',
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Opens @url in a new page that records every request other than loading @url itself
// (data: and blob: URLs are not requests) and aborts it, and every JS dialog, error and CSP
// report. @options: viewport ({ width, height }), media (page.emulateMedia's, e.g.
// { colorScheme: 'dark', reducedMotion: 'reduce' }) and allowPrefix (URLs starting with it
// load and are not recorded: a page's own files beside it).
export async function openRecorded (context, url, options = {}) {
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  if (options.media) await page.emulateMedia(options.media);
  const log = { requests: [], dialogs: [], errors: [], violations: [] };
  const allowed = (u) => u.split('#')[0] === url.split('#')[0] ||
    (options.allowPrefix && u.startsWith(options.allowPrefix));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (allowed(u)) return route.continue();
    log.requests.push(u);
    return route.abort();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && !allowed(u) && !log.requests.includes(u))
      log.requests.push(u);
  });
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  await page.addInitScript(() => {
    window.__wm_violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__wm_violations.push(e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  await page.goto(url);
  return { page, log };
}
