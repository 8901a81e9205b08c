/* catalogue.js — the cards, search and role/stage filters of a Waymark library's index.html
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue comes in parts (catalog/<nn>.js, loaded by the page before this script) so
 * that a republish rewrites only the part of the tutorial that changed. This groups their
 * entries by stage, sorts them by title and builds the cards; then only hides and shows.
 * Entries are author text: every node is built with textContent, never parsed as HTML.
 * The filters live in the address (#role=admin&stage=orientation&q=export) so a filtered
 * view can be linked to. Its words come from the page (id="wm-labels", written in the
 * library's language by the publisher: wm_page_labels_build()), English when missing.
 */
(function () {
  'use strict';

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
                  'Dec'];
  const ENGLISH = {
    steps: ['{n} step', '{n} steps'], tutorials: ['{n} tutorial', '{n} tutorials'],
    shownOf: ['{shown} of {total} tutorial', '{shown} of {total} tutorials'],
    updated: 'Updated {date}', roles: 'Roles',
    noTutorial: 'No tutorial matches. Try another word, role or stage.'
  };
  const i18n = readLabels();
  const language = document.documentElement.lang || 'en';
  const search = document.getElementById('search');
  const role = document.getElementById('role');
  const stage = document.getElementById('stage');
  const count = document.getElementById('count');
  const total = document.getElementById('total');
  const empty = document.getElementById('empty');
  const groups = Array.from(document.querySelectorAll('.stage-group'));
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  let cards = [];

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readLabels() {
    const node = document.getElementById('wm-labels');
    try {
      return node ? JSON.parse(node.textContent) : {};
    } catch (e) {
      return {};
    }
  }

  /* A label with its {name}s filled in; an array of plural forms is picked for @count by
   * the plural table's digit (n ≥ 200 goes by n % 100, see wm-language.h). */
  function t(key, values, count) {
    let text = (i18n.labels && i18n.labels[key]) || ENGLISH[key] || key;
    if (Array.isArray(text)) {
      const n = Math.abs(Math.floor(Number(count) || 0));
      const digit = String(i18n.plural || '').charCodeAt(n < 200 ? n : 100 + n % 100) - 48;
      const index = digit >= 0 && digit <= 9 ? digit : (n === 1 ? 0 : 1);
      text = text[index] || text[text.length - 1];
    }
    return String(text).replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] !== undefined ? String(values[k]) : m;
    });
  }

  /* Every entry of every part, once (the same id in two parts: the later part wins). */
  function entries() {
    const byId = new Map();
    for (const part of window.WaymarkCatalog || []) {
      if (!part || !Array.isArray(part.tutorials)) continue;
      for (const entry of part.tutorials)
        if (entry && typeof entry.id === 'string') byId.set(entry.id, entry);
    }
    return Array.from(byId.values());
  }

  function formatDate(text) {
    const date = new Date(String(text || ''));
    if (isNaN(date.getTime())) return '';
    if (!/^en\b/.test(language)) {
      return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric',
                                                 timeZone: 'UTC' }).format(date);
    }
    return date.getUTCDate() + ' ' + MONTHS[date.getUTCMonth()] + ' ' + date.getUTCFullYear();
  }

  function card(entry, stageTitle) {
    const roles = Array.isArray(entry.roles) ? entry.roles.map(String) : [];
    const steps = Number(entry.steps) || 0;
    const li = element('li', 'card');
    li.dataset.id = String(entry.id);
    li.dataset.stage = String(entry.stage);
    li.dataset.roles = JSON.stringify(roles);

    /* Slugs and thumbnails come from a file anyone with write access may edit. */
    const link = element('a', 'card-link');
    const slug = String(entry.slug || '');
    /* From a file share (file://) nothing turns a folder into its index.html; on the web the
     * folder's address is the one readers share. */
    if (/^[a-z0-9][a-z0-9-]*$/.test(slug))
      link.href = 't/' + slug + '/' + (location.protocol === 'file:' ? 'index.html' : '');
    const thumbnail = String(entry.thumbnail || '');
    if (/^images\/(thumbs\/)?[0-9a-f]{16,}\.png$/.test(thumbnail)) {
      const img = element('img', 'thumb');
      img.src = thumbnail;
      img.alt = '';
      img.loading = 'lazy';
      img.width = 320;
      img.height = 180;
      link.appendChild(img);
    } else {
      const none = element('span', 'thumb thumb-none');
      none.setAttribute('aria-hidden', 'true');
      link.appendChild(none);
    }
    link.appendChild(element('h3', 'title', String(entry.title || '')));
    li.appendChild(link);
    li.appendChild(element('p', 'summary', String(entry.summary || '')));

    const meta = element('p', 'meta');
    meta.appendChild(element('span', 'stage stage-' + entry.stage, stageTitle));
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(element('span', 'steps', t('steps', { n: steps }, steps)));
    meta.appendChild(document.createTextNode(' '));
    const updated = element('span', 'updated');
    const time = element('time', null, formatDate(entry.updated));
    time.dateTime = String(entry.updated || '');
    const around = t('updated', {}).split('{date}');
    updated.append(around[0], time, around.slice(1).join(''));
    meta.appendChild(updated);
    li.appendChild(meta);

    if (roles.length) {
      const list = element('ul', 'roles');
      list.setAttribute('aria-label', t('roles', {}));
      for (const r of roles) list.appendChild(element('li', null, r));
      li.appendChild(list);
    }
    return { card: li, stage: String(entry.stage), roles: roles,
             text: li.textContent.toLowerCase() };
  }

  function build() {
    const all = entries();
    const roles = new Set();

    for (const group of groups) {
      const title = group.querySelector('h2').textContent;
      const mine = all.filter(function (e) { return e.stage === group.dataset.stage; });
      mine.sort(function (a, b) {
        return collator.compare(String(a.title || ''), String(b.title || '')) ||
               (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      const list = group.querySelector('.cards');
      const built = mine.map(function (e) { return card(e, title); });
      list.replaceChildren.apply(list, built.map(function (c) { return c.card; }));
      cards = cards.concat(built);
      for (const c of built) for (const r of c.roles) roles.add(r);
    }

    for (const r of Array.from(roles).sort(collator.compare)) {
      const option = element('option', null, r);
      option.value = r;
      role.appendChild(option);
    }
    total.textContent = t('tutorials', { n: cards.length }, cards.length);
    empty.textContent = t('noTutorial', {});
  }

  function readAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    search.value = params.get('q') || '';
    role.value = params.get('role') || '';
    stage.value = params.get('stage') || '';
    if (role.selectedIndex < 0) role.value = '';
    if (stage.selectedIndex < 0) stage.value = '';
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (search.value) params.set('q', search.value);
    if (role.value) params.set('role', role.value);
    if (stage.value) params.set('stage', stage.value);
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function apply() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;

    for (const item of cards) {
      const visible = (!role.value || item.roles.indexOf(role.value) >= 0) &&
                      (!stage.value || item.stage === stage.value) &&
                      words.every(function (w) { return item.text.indexOf(w) >= 0; });
      item.card.hidden = !visible;
      if (visible) shown++;
    }
    for (const group of groups)
      group.hidden = !group.querySelector('.card:not([hidden])');

    empty.hidden = shown > 0;
    count.textContent = shown === cards.length
      ? t('tutorials', { n: cards.length }, cards.length)
      : t('shownOf', { shown: shown, total: cards.length }, cards.length);
  }

  function changed() {
    writeAddress();
    apply();
  }

  search.addEventListener('input', changed);
  role.addEventListener('change', changed);
  stage.addEventListener('change', changed);
  window.addEventListener('hashchange', function () { readAddress(); apply(); });
  build();
  readAddress();
  apply();
})();
