/* widget.js — a Waymark library's in-app help: one script tag gives any web application a
 * help button, a searchable panel of the library's tutorials and an overlay that plays them.
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   <script src="https://help.example.com/tutorials/widget.js" async
 *           data-role="admin" data-stage="orientation competency"
 *           data-label="Help" data-position="right"></script>
 *
 * data-actor='{"mbox":"mailto:ada@example.com"}' (an xAPI agent, JSON) names the reader in
 * the statements a library published with an LRS sends; without it readers are anonymous.
 *
 * data-role / data-stage narrow the panel to what the person is doing (stage: one or more
 * of first-exposure, orientation, ramp-and-practice, competency,
 * refresher-and-reinforcement). The host page's
 * Content-Security-Policy must allow the library's origin in script-src and frame-src.
 *
 * Catalogue text is author text: every node is built with textContent, never parsed as
 * HTML, and the whole widget lives in a shadow root so neither side's styles leak.
 * The player's events (see the export documentation) are re-dispatched on window as
 * "waymark:<type>" CustomEvents, with the tutorial's slug added.
 */
(function () {
  'use strict';

  if (window.WaymarkWidget && window.WaymarkWidget.version) return;

  const script = document.currentScript;
  if (!script || !script.src) return;

  /* The library's words in its language, written here by the publisher
   * (wm_site_render_widget: { language, plural, labels }); English where one is missing. */
  const I18N = @LABELS@;
  const LABELS = I18N.labels || {};

  function t(key, english) {
    return typeof LABELS[key] === 'string' ? LABELS[key] : english;
  }

  /* "{n} steps" for n, the form picked by the plural table's digit (see wm-language.h). */
  function steps(n) {
    const forms = Array.isArray(LABELS.steps) ? LABELS.steps : ['{n} step', '{n} steps'];
    const digit = String(I18N.plural || '').charCodeAt(n < 200 ? n : 100 + n % 100) - 48;
    const index = digit >= 0 && digit <= 9 ? digit : (n === 1 ? 0 : 1);
    return String(forms[index] || forms[forms.length - 1]).replace('{n}', String(n));
  }

  const base = new URL('.', script.src);
  const options = {
    role: (script.dataset.role || '').trim(),
    stages: (script.dataset.stage || '').split(/[\s,]+/).filter(Boolean),
    label: script.dataset.label || t('help', 'Help'),
    left: script.dataset.position === 'left',
    actor: parseActor(script.dataset.actor),
  };

  function parseActor(text) {
    try {
      const actor = text ? JSON.parse(text) : null;
      return actor && typeof actor === 'object' && !Array.isArray(actor) ? actor : null;
    } catch (e) {
      return null;
    }
  }

  const STAGE_TITLES = {
    'first-exposure': t('stage-first-exposure', 'First Exposure'),
    'orientation': t('stage-orientation', 'Orientation'),
    'ramp-and-practice': t('stage-ramp-and-practice', 'Ramp and Practice'),
    'competency': t('stage-competency', 'Competency'),
    'refresher-and-reinforcement': t('stage-refresher-and-reinforcement',
                                     'Refresher and Reinforcement'),
  };

  const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.launcher { position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; display: flex;
  align-items: center; gap: 8px; padding: 10px 18px; border: 0; border-radius: 999px;
  background: #1c5fb8; color: #fff; font: 600 15px/1.2 system-ui, sans-serif; cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher:hover { background: #174f9a; }
.launcher:focus-visible, button:focus-visible, input:focus-visible, a:focus-visible {
  outline: 3px solid #f0b400; outline-offset: 2px; }
.left .launcher { right: auto; left: 20px; }
.panel { position: fixed; bottom: 76px; right: 20px; z-index: 2147483001; width: min(380px, 92vw);
  max-height: min(560px, 75vh); display: flex; flex-direction: column; background: #fff;
  color: #1d1d1f; border-radius: 12px; box-shadow: 0 12px 40px rgba(0,0,0,.3);
  font: 14px/1.4 system-ui, sans-serif; overflow: hidden; }
.left .panel { right: auto; left: 20px; }
.panel[hidden], .overlay[hidden], .empty[hidden] { display: none; }
.trap { position: absolute; width: 1px; height: 1px; overflow: hidden; }
.panel header, .overlay header { display: flex; align-items: center; gap: 8px; padding: 12px 14px;
  border-bottom: 1px solid #e3e3e6; }
h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 700; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
.close { border: 0; background: transparent; font-size: 22px; line-height: 1; cursor: pointer;
  color: inherit; padding: 2px 8px; border-radius: 6px; }
.close:hover { background: #ececf0; }
.search { margin: 10px 14px; padding: 8px 10px; border: 1px solid #b9b9c0; border-radius: 8px;
  font: inherit; }
ul { list-style: none; margin: 0; padding: 0 8px 8px; overflow-y: auto; }
li button { display: block; width: 100%; text-align: left; padding: 10px; margin: 2px 0;
  border: 0; border-radius: 8px; background: transparent; color: inherit; font: inherit;
  cursor: pointer; }
li button:hover { background: #eef3fb; }
.title { display: block; font-weight: 650; color: #123f7a; }
.summary { display: block; margin-top: 2px; color: #44444a; }
.meta { display: block; margin-top: 4px; font-size: 12px; color: #5c5c63; }
.empty { padding: 12px 16px; color: #5c5c63; }
.all { display: block; padding: 10px 16px; border-top: 1px solid #e3e3e6; color: #1c5fb8;
  text-decoration: none; }
.overlay { position: fixed; inset: 0; z-index: 2147483002; display: flex; align-items: center;
  justify-content: center; background: rgba(10,12,16,.6); font: 14px/1.4 system-ui, sans-serif; }
.sheet { display: flex; flex-direction: column; width: min(1100px, 96vw); height: min(760px, 92vh);
  background: #fff; color: #1d1d1f; border-radius: 12px; overflow: hidden;
  box-shadow: 0 20px 60px rgba(0,0,0,.4); }
.sheet a { color: #1c5fb8; font-size: 13px; }
iframe { flex: 1; width: 100%; border: 0; background: #f4f4f6; }
@media (prefers-color-scheme: dark) {
  .panel, .sheet { background: #232327; color: #f2f2f4; }
  .panel header, .overlay header, .all { border-color: #3a3a40; }
  .title { color: #9cc3ff; } .summary, .meta, .empty { color: #c4c4ca; }
  li button:hover, .close:hover { background: #303038; }
  .search { background: #1b1b1e; color: inherit; border-color: #55555c; }
  .sheet a, .all { color: #9cc3ff; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel, .sheet { animation: rise .16s ease-out; }
  @keyframes rise { from { transform: translateY(8px); opacity: 0; } }
}`;

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const name in attributes || {})
      node.setAttribute(name, attributes[name]);
    if (text !== undefined)
      node.textContent = text;
    return node;
  }

  const host = element('div', { id: 'waymark-help', 'data-waymark': 'widget' });
  const shadow = host.attachShadow({ mode: 'open' });
  const frame = element('div', { class: options.left ? 'left' : 'right' });

  function addStyles() {
    if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.appendChild(element('style', {}, CSS));
    }
  }

  const launcher = element('button', { class: 'launcher', type: 'button',
                                        'aria-haspopup': 'dialog', 'aria-expanded': 'false' });
  launcher.appendChild(element('span', { 'aria-hidden': 'true' }, '?'));
  launcher.appendChild(element('span', {}, options.label));

  const panel = element('div', { class: 'panel', role: 'dialog', 'aria-label': options.label,
                                 hidden: '' });
  const panelHeader = element('header');
  const panelTitle = element('h2', {}, options.label);
  const panelClose = element('button', { class: 'close', type: 'button',
                                         'aria-label': t('closeHelp', 'Close help') }, '×');
  const search = element('input', { class: 'search', type: 'search',
                                    placeholder: t('searchTutorials', 'Search tutorials'),
                                    'aria-label': t('searchTutorials', 'Search tutorials') });
  const list = element('ul', { class: 'list', 'aria-label': t('tutorialList', 'Tutorials') });
  const empty = element('p', { class: 'empty', hidden: '' },
                        t('loading', 'Loading tutorials…'));
  const all = element('a', { class: 'all', href: base.href, target: '_blank', rel: 'noopener' },
                      t('allTutorials', 'All tutorials'));
  panelHeader.append(panelTitle, panelClose);
  panel.append(panelHeader, search, empty, list, all);

  const overlay = element('div', { class: 'overlay', role: 'dialog', 'aria-modal': 'true',
                                   hidden: '' });
  const sheet = element('div', { class: 'sheet' });
  const overlayHeader = element('header');
  const overlayTitle = element('h2', { id: 'waymark-overlay-title' });
  const overlayOpen = element('a', { target: '_blank', rel: 'noopener' },
                              t('openNewTab', 'Open in a new tab'));
  const overlayClose = element('button', { class: 'close', type: 'button',
                                           'aria-label': t('closeTutorial', 'Close tutorial') }, '×');
  const player = element('iframe', { title: t('tutorial', 'Tutorial'), allow: 'fullscreen' });
  /* The tutorial page's signals.js takes the reader named by the host (README, "Adoption
   * signals"); only the library's own origin is told. */
  player.addEventListener('load', () => {
    if (!options.actor || !player.contentWindow || overlay.hidden) return;
    try {
      player.contentWindow.postMessage({ source: 'waymark-host', type: 'actor', actor: options.actor },
                                       base.origin);
    } catch (e) { /* a library opened from file:// has no origin to address */ }
  });
  overlayHeader.append(overlayTitle, overlayOpen, overlayClose);
  sheet.append(overlayHeader, player);
  /* aria-modal promises the page behind is out of reach: Tab past either end of the sheet
   * lands on a sentinel, which sends focus round to the other end. Key events from inside
   * the player's frame never reach this document, so sentinels work where a keydown trap
   * would not. */
  const trapStart = element('span', { tabindex: '0', class: 'trap' });
  const trapEnd = element('span', { tabindex: '0', class: 'trap' });
  trapStart.addEventListener('focus', function () { player.focus(); });
  trapEnd.addEventListener('focus', function () { overlayOpen.focus(); });
  overlay.append(trapStart, sheet, trapEnd);

  let tutorials = null;
  let current = null;

  function matches(tutorial, words) {
    const roles = Array.isArray(tutorial.roles) ? tutorial.roles : [];
    if (options.role && roles.indexOf(options.role) < 0) return false;
    if (options.stages.length && options.stages.indexOf(tutorial.stage) < 0) return false;
    const text = [tutorial.title, tutorial.summary].concat(roles).join(' ').toLowerCase();
    return words.every(function (w) { return text.indexOf(w) >= 0; });
  }

  function item(tutorial) {
    const li = element('li');
    const button = element('button', { type: 'button', 'data-slug': String(tutorial.slug) });
    button.appendChild(element('span', { class: 'title' }, String(tutorial.title || '')));
    if (tutorial.summary)
      button.appendChild(element('span', { class: 'summary' }, String(tutorial.summary)));
    const count = Math.max(0, Math.floor(Number(tutorial.steps) || 0));
    button.appendChild(element('span', { class: 'meta' },
                               (STAGE_TITLES[tutorial.stage] || '') + ' · ' + steps(count)));
    button.addEventListener('click', function () { open(tutorial); });
    li.appendChild(button);
    return li;
  }

  function render() {
    if (!tutorials) return;
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = tutorials.filter(function (t) { return matches(t, words); });
    list.replaceChildren.apply(list, shown.map(item));
    empty.hidden = shown.length > 0;
    empty.textContent = t('noTutorialShort', 'No tutorial matches.');
  }

  /* Slugs come from the catalogue; only ones that are plain path segments make a URL. */
  function tutorialUrl(tutorial, embed) {
    const slug = String(tutorial.slug || '');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return null;
    return new URL('t/' + slug + '/' + (embed ? 'embed/' : ''), base).href;
  }

  function open(tutorial) {
    const url = tutorialUrl(tutorial, true);
    if (!url) return;
    current = tutorial;
    overlayTitle.textContent = String(tutorial.title || '');
    overlay.setAttribute('aria-label', String(tutorial.title || t('tutorial', 'Tutorial')));
    overlayOpen.href = tutorialUrl(tutorial, false);
    player.title = String(tutorial.title || t('tutorial', 'Tutorial'));
    player.src = url;
    overlay.hidden = false;
    overlayClose.focus();
  }

  function closeOverlay() {
    if (overlay.hidden) return;
    overlay.hidden = true;
    player.src = 'about:blank';
    current = null;
    launcher.focus();
  }

  function togglePanel(show) {
    panel.hidden = !show;
    launcher.setAttribute('aria-expanded', String(show));
    if (show) {
      load();
      search.focus();
    }
  }

  /* The catalogue comes in parts, catalog/00.js to catalog/3f.js (WM_SITE_CATALOG_N_PARTS
   * in wm-site-catalog.h), so a republish rewrites only the part that changed. */
  const PARTS = 64;
  const STAGE_ORDER = Object.keys(STAGE_TITLES);
  let pending = 0;
  let failed = false;

  function load() {
    if (tutorials || pending) return;
    failed = false;
    pending = PARTS;
    empty.hidden = false;
    empty.textContent = t('loading', 'Loading tutorials…');
    const version = Math.floor(Date.now() / 60000);
    function done() {
      pending--;
      refresh();
    }
    for (let i = 0; i < PARTS; i++) {
      /* Scripts, not fetch(): the library's server need not send CORS headers. */
      const data = document.createElement('script');
      const name = (i < 16 ? '0' : '') + i.toString(16);
      data.src = new URL('catalog/' + name + '.js?v=' + version, base).href;
      data.async = true;
      data.onload = done;
      data.onerror = function () { failed = true; done(); };
      document.head.appendChild(data);
    }
  }

  /* Every part's entries, once each, by stage and then title. */
  function refresh() {
    if (pending > 0) return;
    if (failed) {
      empty.hidden = false;
      empty.textContent = t('loadFailed', 'The tutorials could not be loaded.');
      return;
    }
    const byId = new Map();
    for (const part of window.WaymarkCatalog || []) {
      if (!part || !Array.isArray(part.tutorials)) continue;
      for (const entry of part.tutorials)
        if (entry && typeof entry.id === 'string') byId.set(entry.id, entry);
    }
    tutorials = Array.from(byId.values()).sort(function (a, b) {
      return (STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage)) ||
             String(a.title || '').localeCompare(String(b.title || ''));
    });
    render();
  }

  /* The player announces progress to its embedder; pass it on to the host application. */
  window.addEventListener('message', function (event) {
    if (event.source !== player.contentWindow || !event.data || typeof event.data !== 'object' ||
        event.data.source !== 'waymark')
      return;
    if (event.data.type === 'waymark:escape') {
      closeOverlay();
      return;
    }
    const type = String(event.data.type || event.data.event || 'event');
    const detail = Object.assign({}, event.data, { slug: current ? current.slug : null });
    window.dispatchEvent(new CustomEvent('waymark:' + type.replace(/^waymark[:.-]?/, ''),
                                         { detail: detail }));
  });

  launcher.addEventListener('click', function () { togglePanel(panel.hidden); });
  panelClose.addEventListener('click', function () { togglePanel(false); launcher.focus(); });
  overlayClose.addEventListener('click', closeOverlay);
  overlay.addEventListener('click', function (event) {
    if (event.target === overlay) closeOverlay();
  });
  search.addEventListener('input', render);
  shadow.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    if (!overlay.hidden) closeOverlay();
    else if (!panel.hidden) { togglePanel(false); launcher.focus(); }
  });

  addStyles();
  frame.append(launcher, panel, overlay);
  shadow.appendChild(frame);

  function attach() { document.body.appendChild(host); }
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);

  window.WaymarkWidget = {
    version: 1,
    refresh: refresh,
    open: function (slug) {
      load();
      const found = (tutorials || []).filter(function (t) { return t.slug === slug; })[0];
      open(found || { slug: slug, title: '' });
    },
    close: closeOverlay,
  };
})();
