/* tutorial.js — starts the player on a published tutorial page and fills its share box
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function () {
  'use strict';

  const root = document.body.dataset.root || '';
  const modelElement = document.getElementById('wm-tutorial');
  const model = JSON.parse(modelElement.textContent);
  const embedded = document.body.classList.contains('embed');

  /* Image paths in the model are relative to the library's root. */
  function resolve(path) {
    return path ? new URL(root + path, location.href).href : path;
  }

  /* The model's picture sources (whole pictures and tiles) are relative to the root. */
  for (const key of Object.keys(model.images || {})) {
    const image = model.images[key];
    if (typeof image.src === 'string') image.src = resolve(image.src);
    for (const tile of image.tiles || [])
      if (typeof tile.src === 'string') tile.src = resolve(tile.src);
  }

  function escapeAttribute(text) {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
               .replace(/>/g, '&gt;');
  }

  /* Without a base URL at publish time the links were written relative; make them absolute
   * for wherever the library is served from. */
  function fillShare() {
    const link = document.getElementById('share-link');
    const embed = document.getElementById('share-embed');
    if (!link || !embed) return;

    if (!/^[a-z][a-z0-9+.-]*:/i.test(link.value)) {
      const url = new URL(root + link.dataset.path, location.href).href;
      link.value = url;
      embed.value = '<iframe src="' + escapeAttribute(url + 'embed/') + '" title="' +
                    escapeAttribute(model.title || '') + '" width="960" height="640" ' +
                    'style="border:0;max-width:100%" allow="fullscreen" loading="lazy"></iframe>';
    }
  }

  function copy(field, status) {
    function done() { status.textContent = 'Copied to the clipboard.'; }
    function fallback() {
      field.select();
      if (document.execCommand('copy')) done();
      else status.textContent = 'Select the text and copy it.';
    }
    if (navigator.clipboard && window.isSecureContext)
      navigator.clipboard.writeText(field.value).then(done, fallback);
    else
      fallback();
  }

  function wireCopyButtons() {
    const status = document.querySelector('.share .copied');
    for (const button of document.querySelectorAll('button[data-copy]')) {
      button.addEventListener('click', function () {
        copy(document.getElementById(button.dataset.copy), status);
      });
    }
  }

  function startPlayer() {
    const host = document.getElementById('player');
    const player = window.WaymarkPlayer;
    if (!host || !player || typeof player.mount !== 'function') return;

    host.replaceChildren();
    host.classList.add('has-player');
    player.mount(host, model, { embed: embedded });
  }

  fillShare();
  wireCopyButtons();
  startPlayer();
})();
