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
  /* The page's words, in the library's language (the model's i18n: wm_page_labels_build). */
  const labels = (model.i18n && model.i18n.labels) || {};

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
      /* The publisher wrote the snippet; only its address was relative. */
      embed.value = embed.value.replace(/^<iframe src="[^"]*"/,
                                        '<iframe src="' + escapeAttribute(url + 'embed/') + '"');
    }
  }

  function copy(field, status) {
    function done() { status.textContent = labels.copied || 'Copied to the clipboard.'; }
    function fallback() {
      field.select();
      if (document.execCommand('copy')) done();
      else status.textContent = labels.copyByHand || 'Select the text and copy it.';
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
    /* page/#mode=view&step=3&speed=2 opens that mode at that step, as the single file does. */
    const fromHash = typeof player.optionsFromHash === 'function'
      ? player.optionsFromHash(location.hash) : {};
    const controller = player.mount(host, model, Object.assign(fromHash, { embed: embedded }));
    if (controller.mode === 'view' && controller.step > 1) controller.setMode('view');
    window.addEventListener('hashchange', function () {
      const options = player.optionsFromHash(location.hash);
      if (options.mode) controller.setMode(options.mode);
      if (options.step) controller.goTo(options.step - 1);
    });
  }

  /* In an iframe, tell the host page how tall the content is ({source:'waymark', type:'resize',
   * height}); the snippet's optional script (or widget.js) sizes the iframe to it. Once the host
   * answers 'autosize', the picture stops fitting the iframe's height (which the host now
   * follows) and takes the whole width, so the height depends on the width alone. */
  function reportHeight() {
    if (!embedded || window.parent === window) return;
    let last = 0;
    function post() {
      const style = getComputedStyle(document.body);
      const height = Math.ceil(document.body.getBoundingClientRect().height +
                               parseFloat(style.marginTop) + parseFloat(style.marginBottom));
      if (height === last) return;
      last = height;
      window.parent.postMessage({ source: 'waymark', type: 'resize', height: height }, '*');
    }
    window.addEventListener('message', function (event) {
      const data = event.data;
      if (event.source !== window.parent || !data || data.source !== 'waymark') return;
      if (data.type === 'autosize') {
        document.documentElement.classList.add('wm-autosize');
        last = 0;
        post();
      }
    });
    new ResizeObserver(post).observe(document.body);
    post();
  }

  fillShare();
  wireCopyButtons();
  startPlayer();
  reportHeight();
})();
