/* catalogue.js — search and role/stage filters for a Waymark library's index.html
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every card is already in the page (it reads without scripts); this only hides and shows.
 * The filters live in the address (#role=admin&stage=orientation&q=export) so a filtered
 * view can be linked to.
 */
(function () {
  'use strict';

  const search = document.getElementById('search');
  const role = document.getElementById('role');
  const stage = document.getElementById('stage');
  const count = document.getElementById('count');
  const empty = document.getElementById('empty');
  const groups = Array.from(document.querySelectorAll('.stage-group'));
  const cards = Array.from(document.querySelectorAll('.card')).map(function (card) {
    let roles = [];
    try {
      roles = JSON.parse(card.dataset.roles || '[]');
    } catch (e) {
      roles = [];
    }
    return { card: card, stage: card.dataset.stage, roles: roles,
             text: card.textContent.toLowerCase() };
  });

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
      ? cards.length + (cards.length === 1 ? ' tutorial' : ' tutorials')
      : shown + ' of ' + cards.length + ' tutorials';
  }

  function changed() {
    writeAddress();
    apply();
  }

  search.addEventListener('input', changed);
  role.addEventListener('change', changed);
  stage.addEventListener('change', changed);
  window.addEventListener('hashchange', function () { readAddress(); apply(); });
  readAddress();
  apply();
})();
