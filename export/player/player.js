/* player.js — Waymark's tutorial player: Try, Watch and View over one tutorial model
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One component, used by the single-file export (export/wm-html-exporter.c) and by the
 * published library (t/<slug>/, t/<slug>/embed). No dependencies, no network, no eval,
 * and author text only ever reaches the page through textContent, attributes set with
 * setAttribute on known-safe names: never as markup.
 *
 *   const player = WaymarkPlayer.mount(element, model, options);
 *
 * model (JSON, "format": 1; written by wm_player_model_build() in C):
 *   { format: 1, id, slug, title, summary, stage, roles: [..], version,
 *     images: { KEY: { width, height, src }                      a whole picture
 *               KEY: { width, height, base: KEY2, tiles: [       KEY2's picture with the
 *                        { x, y, width, height, src }, … ] } },  rectangles that changed
 *     steps: [ { id, kind, instruction, target: [before, name, after]|absent, notes, text,
 *                x, y, width, height, image: KEY|null, zoom: { x, y, width, height },
 *                annotations: [ { kind, x, y, width, height, text } ] } ] }
 *   target cuts the instruction around what it names, shown in a <strong>.
 *   src is a data: URI (single file) or a URL relative to the page (site). x/y is the
 *   click in image pixels, -1 when the step has none; width/height the image size.
 *   The pictures already show every mark, drawn by the renderer the editor uses
 *   (export/wm-marks.c); annotations only give words (alt text) and places (the bubble
 *   avoids them). zoom is View's window: around the click and holding every mark.
 *
 * options (all optional):
 *   mode    'try' | 'watch' | 'view'; default from the stage: first-exposure, competency
 *           and refresher-and-reinforcement open in View (the last two with search),
 *           orientation and ramp-and-practice in Try.
 *   embed   true: no header or mode switcher (chrome-less, for iframes and widgets).
 *   step    1-based step to open on.
 *   speed   Watch speed multiplier (default 1).
 *   search  force the View search box on (true) or off (false).
 *   labels  { key: 'text' } to translate the player's own words (see LABELS below); by
 *           default they come from the model's i18n: { language, plural, labels } (made
 *           in C by wm_page_labels_build() in the export's language), where a label may
 *           be an array of plural forms, picked for the count {n} by plural's digits.
 *
 * The returned controller: { element, mode, step, setMode(m), goTo(i0), next(), back(),
 *   restart(), pause(), resume(), destroy() }.
 *
 * Adoption signals (the player makes no request of its own): on the mounted element,
 * bubbling DOM CustomEvents, and the same objects sent with window.parent.postMessage
 * (target '*', only when the page is framed) as { source: 'waymark', type, ...detail }:
 *   waymark:start     { tutorial, slug, title, version, mode, total }       once per mount
 *   waymark:step      { …same, step (1-based), stepId }                     each step reached
 *   waymark:complete  { …same, durationMs }                                 end reached
 *   waymark:miss      { …same, step, stepId }                               a click beside
 *                                                                           the hotspot (Try)
 *   waymark:feedback  { …same, step, helpful (bool), comment }              "Did this help?"
 *                                                                           answered (once)
 * In View, a step counts as reached when half of it has been on screen.
 */
(function (global) {
  'use strict';

  var LABELS = {
    try: 'Try it', watch: 'Watch', view: 'View', modes: 'How to follow this tutorial',
    back: 'Back', next: 'Next', restart: 'Restart', pause: 'Pause', play: 'Play',
    stepOf: 'Step {n} of {total}', progress: 'Progress',
    hint: 'Not quite: click the highlighted spot, or press Enter.',
    hotspot: 'Do this step: {text}', continue: 'Continue',
    doneTitle: 'Well done!', doneText: ['You completed the one step of “{title}”.',
                                           'You completed all {total} steps of “{title}”.'],
    reviewAll: 'See all steps', search: 'Find a step', noMatch: 'No step matches “{q}”.',
    matches: ['{n} of {total} steps matches.', '{n} of {total} steps match.'],
    screenshot: 'Screenshot for step {n}: {text}', finished: 'Tutorial complete.',
    speed: 'Speed',
    feedback: 'Feedback', helpQuestion: 'Did this help?', yes: 'Yes', no: 'No',
    comment: 'Anything to add? (optional)', send: 'Send', thanks: 'Thank you for telling us.',
    typeHere: 'Type here: {text}', typeSecret: 'Type it here (any text will do)',
    typeHint: 'Type the text first, then press Enter.'
  };

  var STAGE_DEFAULTS = {
    'first-exposure': { mode: 'view', search: false },
    'orientation': { mode: 'try', search: false },
    'ramp-and-practice': { mode: 'try', search: false },
    'competency': { mode: 'view', search: true },
    'refresher-and-reinforcement': { mode: 'view', search: true }
  };

  var MODES = ['try', 'watch', 'view'];

  /* DOM helpers: text always goes in through textContent. */
  function el (tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    return node;
  }

  /* Author text in an element of its own, isolated from the text around it: its direction
   * is its own (right-to-left text reads right), and a stray bidi control in it ("\u202e")
   * cannot reorder the player's words beside it. */
  function authorEl (tag, cls, text) {
    var node = el(tag, cls, text);
    node.dir = 'auto';
    return node;
  }

  /* The instruction into @node as text, what it names in a <strong>: built with DOM
   * calls, never markup, since the text is the author's. */
  function setInstruction (node, step) {
    var t = step.target;
    node.textContent = '';
    if (!Array.isArray(t) || t.length !== 3 || !str(t[1])) {
      node.textContent = str(step.instruction);
      return node;
    }
    node.appendChild(document.createTextNode(str(t[0])));
    node.appendChild(authorEl('strong', 'wm-target', str(t[1])));
    node.appendChild(document.createTextNode(str(t[2])));
    return node;
  }

  /* The same inside a sentence of the player's: first-strong isolate … pop isolate, around
   * the text without its own bidi controls (whose PDI would close ours early). */
  function isolate (text) {
    return '\u2068' + str(text).replace(/[\u202a-\u202e\u2066-\u2069]/g, '') + '\u2069';
  }

  function button (cls, text, onClick) {
    var b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function fmt (template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] != null ? String(values[k]) : m;
    });
  }

  function str (value) {
    return typeof value === 'string' ? value : '';
  }

  function num (value, fallback) {
    return typeof value === 'number' && isFinite(value) ? value : fallback;
  }

  function reducedMotion () {
    return !!(global.matchMedia && global.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  /* Image loading ------------------------------------------------------------------ */

  function ImageSource (images) {
    this.images = images || {};
    this.loaded = new Map();
  }

  ImageSource.prototype.load = function (src) {
    var p = this.loaded.get(src);
    if (!p) {
      p = new Promise(function (resolve, reject) {
        var img = new Image();
        img.onload = function () { resolve(img); };
        img.onerror = function () { reject(new Error('image failed to load')); };
        img.src = src;
      });
      this.loaded.set(src, p);
    }
    return p;
  };

  /* The pictures one image key needs, in drawing order: a base and the changed tiles. */
  ImageSource.prototype.layers = function (key) {
    var info = this.images[key];
    if (!info) return Promise.resolve([]);
    var self = this;
    var parts = [];
    if (info.base && this.images[info.base] && this.images[info.base].src) {
      parts.push({ x: 0, y: 0, src: this.images[info.base].src });
    } else if (info.src) {
      parts.push({ x: 0, y: 0, src: info.src });
    }
    (info.tiles || []).forEach(function (t) {
      parts.push({ x: num(t.x, 0), y: num(t.y, 0), src: t.src });
    });
    return Promise.all(parts.map(function (p) {
      return self.load(p.src).then(function (img) { return { x: p.x, y: p.y, img: img }; });
    }));
  };

  /* The player ---------------------------------------------------------------------- */

  function Player (root, model, options) {
    this.root = root;
    this.model = model || {};
    this.steps = Array.isArray(this.model.steps) ? this.model.steps : [];
    this.options = options || {};
    var i18n = this.model.i18n || {};
    this.labels = Object.assign({}, LABELS, i18n.labels || {}, this.options.labels || {});
    this.plural = str(i18n.plural);
    var defaults = STAGE_DEFAULTS[this.model.stage] || { mode: 'try', search: false };
    this.mode = MODES.indexOf(this.options.mode) >= 0 ? this.options.mode : defaults.mode;
    this.searchable = this.options.search != null ? !!this.options.search : defaults.search;
    this.speed = Math.min(8, Math.max(0.25, num(this.options.speed, 1)));
    this.index = Math.max(0, Math.min(this.steps.length - 1, num(this.options.step, 1) - 1));
    this.images = new ImageSource(this.model.images);
    this.done = false;
    this.playing = true;
    this.renderToken = 0;
    this.timers = [];
    this.reached = new Set();
    this.startedAt = Date.now();
    this.cleanups = [];
    this.build();
    this.emit('start', {});
    this.show();
  }

  /* The digit of the plural table for n (n ≥ 200 goes by n % 100: see wm-language.h). */
  function pluralIndex (table, n) {
    n = Math.abs(Math.floor(num(n, 0)));
    var digit = table.charCodeAt(n < 200 ? n : 100 + n % 100) - 48;
    return digit >= 0 && digit <= 9 ? digit : (n === 1 ? 0 : 1);
  }

  Player.prototype.t = function (key, values) {
    var text = this.labels[key] || key;
    values = values || {};
    if (Array.isArray(text)) text = text[pluralIndex(this.plural, values.n)] || text[text.length - 1];
    return fmt(str(text) || key, values);
  };

  Player.prototype.build = function () {
    var root = this.root, self = this;
    root.textContent = '';
    root.classList.add('wm-player');
    if (this.options.embed) root.classList.add('wm-embed');
    if (!root.hasAttribute('tabindex')) root.tabIndex = -1;

    if (!this.options.embed) root.appendChild(this.buildHeader());

    this.progress = el('div', 'wm-progress');
    this.progress.setAttribute('role', 'progressbar');
    this.progress.setAttribute('aria-label', this.t('progress'));
    this.progress.setAttribute('aria-valuemin', '0');
    this.progress.setAttribute('aria-valuemax', String(this.steps.length));
    this.progressBar = el('div', 'wm-progress-bar');
    this.progress.appendChild(this.progressBar);
    root.appendChild(this.progress);

    this.body = el('div', 'wm-body');
    this.body.appendChild(this.buildStage());
    this.body.appendChild(this.buildList());
    this.body.appendChild(this.buildDone());
    root.appendChild(this.body);
    root.appendChild(this.buildControls());

    this.live = el('div', 'wm-visually-hidden');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('role', 'status');
    root.appendChild(this.live);

    this.listen(root, 'keydown', function (e) { self.onKey(e); });
    this.listen(global.document, 'keydown', function (e) { self.forwardEscape(e); });
    this.listen(global, 'beforeprint', function () { self.renderAllCards(); });
  };

  Player.prototype.listen = function (target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.cleanups.push(function () { target.removeEventListener(type, fn, opts); });
  };

  Player.prototype.buildHeader = function () {
    var self = this;
    var header = el('header', 'wm-header');
    var titles = el('div', 'wm-titles');
    titles.appendChild(authorEl('h1', 'wm-title', str(this.model.title)));
    if (str(this.model.summary)) titles.appendChild(authorEl('p', 'wm-summary', this.model.summary));
    header.appendChild(titles);

    var modes = el('div', 'wm-modes');
    modes.setAttribute('role', 'group');
    modes.setAttribute('aria-label', this.t('modes'));
    this.modeButtons = {};
    MODES.forEach(function (m) {
      var b = button('wm-mode', self.t(m), function () { self.setMode(m); });
      b.dataset.mode = m;
      self.modeButtons[m] = b;
      modes.appendChild(b);
    });
    header.appendChild(modes);
    return header;
  };

  Player.prototype.buildStage = function () {
    var self = this;
    this.stage = el('section', 'wm-stage');
    this.frame = el('div', 'wm-frame');
    this.canvas = el('canvas', 'wm-screen');
    this.canvas.setAttribute('role', 'img');
    this.viewport = el('div', 'wm-viewport');
    this.viewport.appendChild(this.canvas);
    this.frame.appendChild(this.viewport);

    this.hotspot = button('wm-hotspot', null, function (e) {
      e.stopPropagation();
      self.advanceFromTry();
    });
    this.frame.appendChild(this.hotspot);

    /* A typing step in Try: the reader types into a field over the target before going on. */
    this.typeForm = el('form', 'wm-type');
    this.typeField = el('input', 'wm-type-field');
    this.typeField.autocomplete = 'off';
    this.typeField.spellcheck = false;
    this.typeForm.appendChild(this.typeField);
    this.typeForm.hidden = true;
    this.listen(this.typeForm, 'submit', function (e) {
      e.preventDefault();
      self.advanceFromTry();
    });
    this.listen(this.typeForm, 'click', function (e) { e.stopPropagation(); });
    this.frame.appendChild(this.typeForm);

    this.pointer = el('div', 'wm-pointer');
    this.pointer.setAttribute('aria-hidden', 'true');
    this.frame.appendChild(this.pointer);

    this.bubble = el('div', 'wm-bubble');
    this.bubbleText = authorEl('p', 'wm-instruction');
    this.bubbleNotes = authorEl('p', 'wm-notes');
    this.bubbleHint = el('p', 'wm-hint');
    this.bubbleContinue = button('wm-button wm-suggested wm-continue', this.t('continue'),
                                 function (e) { e.stopPropagation(); self.advanceFromTry(); });
    this.bubble.appendChild(this.bubbleText);
    this.bubble.appendChild(this.bubbleNotes);
    this.bubble.appendChild(this.bubbleHint);
    this.bubble.appendChild(this.bubbleContinue);
    this.frame.appendChild(this.bubble);

    this.listen(this.frame, 'click', function (e) {
      if (self.mode === 'try' && !self.bubble.contains(e.target)) self.showHint();
    });

    this.stage.appendChild(this.frame);
    if (global.ResizeObserver) {
      var ro = new ResizeObserver(function () { self.placeBubble(); });
      ro.observe(this.frame);
      this.cleanups.push(function () { ro.disconnect(); });
    }
    return this.stage;
  };

  Player.prototype.buildList = function () {
    var self = this;
    this.list = el('section', 'wm-list');
    if (this.searchable) {
      var label = el('label', 'wm-search');
      label.appendChild(el('span', null, this.t('search')));
      this.searchInput = el('input');
      this.searchInput.type = 'search';
      this.listen(this.searchInput, 'input', function () { self.filterCards(); });
      label.appendChild(this.searchInput);
      this.list.appendChild(label);
      this.noMatch = el('p', 'wm-no-match');
      this.noMatch.hidden = true;
      this.list.appendChild(this.noMatch);
    }
    this.cards = el('ol', 'wm-cards');
    this.cardItems = this.steps.map(function (step, i) { return self.buildCard(step, i); });
    this.cardItems.forEach(function (c) { self.cards.appendChild(c.item); });
    this.list.appendChild(this.cards);

    if (global.IntersectionObserver) {
      this.observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          var i = Number(entry.target.dataset.index);
          self.renderCard(i);
          self.renderCard(i + 1);  /* ready before it scrolls in */
          /* Half of the step, or half of the window for a step taller than it. */
          var seen = entry.intersectionRatio >= 0.5 || (entry.rootBounds &&
            entry.intersectionRect.height >= entry.rootBounds.height / 2);
          if (self.mode === 'view' && seen) self.reach(i);
        });
      }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
      this.cardItems.forEach(function (c) { self.observer.observe(c.item); });
      this.cleanups.push(function () { self.observer.disconnect(); });
    }
    this.list.appendChild(this.buildFeedback('wm-feedback-end'));
    return this.list;
  };

  Player.prototype.buildCard = function (step, i) {
    var item = el('li', 'wm-card');
    item.dataset.index = String(i);
    item.appendChild(el('p', 'wm-card-counter', this.t('stepOf', { n: i + 1, total: this.steps.length })));
    item.appendChild(setInstruction(authorEl('h2', 'wm-card-instruction'), step));
    if (str(step.notes)) item.appendChild(authorEl('p', 'wm-notes', step.notes));
    var canvas = null;
    if (step.image && this.model.images && this.model.images[step.image]) {
      canvas = el('canvas', 'wm-zoom');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', this.altText(step, i));
      item.appendChild(canvas);
    }
    return { item: item, canvas: canvas, rendered: false,
             text: (str(step.instruction) + '\n' + str(step.notes)).toLowerCase() };
  };

  Player.prototype.buildDone = function () {
    var self = this;
    this.doneView = el('section', 'wm-done');
    this.doneTitle = el('h2', 'wm-done-title', this.t('doneTitle'));
    this.doneTitle.tabIndex = -1;
    this.doneView.appendChild(this.doneTitle);
    this.doneView.appendChild(el('p', 'wm-done-text',
                                 this.t('doneText', { n: this.steps.length, total: this.steps.length,
                                                      title: isolate(this.model.title) })));
    var actions = el('div', 'wm-done-actions');
    actions.appendChild(button('wm-button wm-suggested', this.t('restart'),
                               function () { self.restart(); }));
    actions.appendChild(button('wm-button', this.t('reviewAll'),
                               function () { self.setMode('view'); }));
    this.doneView.appendChild(actions);
    this.doneView.appendChild(this.buildFeedback('wm-feedback-end'));
    return this.doneView;
  };

  /* "Did this help?": yes or no, then an optional comment and Send. It never blocks the
   * tutorial; once sent, every copy of the form says thank you. Sent as waymark:feedback. */
  Player.prototype.buildFeedback = function (cls) {
    var self = this, choice = null;
    var form = el('form', 'wm-feedback ' + cls);
    form.noValidate = true;
    var group = el('fieldset', 'wm-feedback-group');
    group.appendChild(el('legend', 'wm-feedback-question', this.t('helpQuestion')));
    var answers = el('div', 'wm-feedback-answers');
    var comment = el('textarea', 'wm-feedback-comment');
    comment.rows = 2;
    comment.maxLength = 2000;
    comment.setAttribute('aria-label', this.t('comment'));
    comment.placeholder = this.t('comment');
    var send = el('button', 'wm-button wm-suggested wm-feedback-send', this.t('send'));
    send.type = 'submit';
    send.disabled = true;
    var options = [true, false].map(function (helpful) {
      var b = button('wm-button wm-feedback-answer', self.t(helpful ? 'yes' : 'no'), function () {
        choice = helpful;
        options.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
        send.disabled = false;
      });
      b.setAttribute('aria-pressed', 'false');
      answers.appendChild(b);
      return b;
    });
    group.appendChild(answers);
    group.appendChild(comment);
    group.appendChild(send);
    form.appendChild(group);
    var thanks = el('p', 'wm-feedback-thanks', this.t('thanks'));
    thanks.setAttribute('role', 'status');
    thanks.hidden = true;
    form.appendChild(thanks);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (choice === null || self.feedbackSent) return;
      self.feedbackSent = true;
      self.emit('feedback', { step: self.index + 1, helpful: choice,
                              comment: comment.value.trim().slice(0, 2000) });
      self.feedbackForms.forEach(function (f) { f.thank(); });
    });
    form.thank = function () { group.hidden = true; thanks.hidden = false; };
    this.feedbackForms = (this.feedbackForms || []).concat([form]);
    return form;
  };

  Player.prototype.buildControls = function () {
    var self = this;
    var bar = el('nav', 'wm-controls');
    this.backButton = button('wm-button wm-back', this.t('back'), function () { self.back(); });
    this.counter = el('span', 'wm-counter');
    this.nextButton = button('wm-button wm-suggested wm-next', this.t('next'),
                             function () { self.next(); });
    this.pauseButton = button('wm-button wm-pause', this.t('pause'),
                              function () { self.playing ? self.pause() : self.resume(); });
    this.restartButton = button('wm-button wm-restart', this.t('restart'),
                                function () { self.restart(); });
    this.feedbackButton = button('wm-button wm-feedback-toggle', this.t('feedback'), function () {
      var open = self.feedbackPanel.hidden;
      self.feedbackPanel.hidden = !open;
      self.feedbackButton.setAttribute('aria-expanded', String(open));
      if (open) self.feedbackPanel.querySelector('button').focus();
    });
    this.feedbackButton.setAttribute('aria-expanded', 'false');
    [this.backButton, this.counter, this.nextButton, this.pauseButton, this.restartButton,
     this.feedbackButton].forEach(function (n) { bar.appendChild(n); });
    this.feedbackPanel = this.buildFeedback('wm-feedback-panel');
    this.feedbackPanel.id = 'wm-feedback-' + Math.random().toString(36).slice(2);
    this.feedbackButton.setAttribute('aria-controls', this.feedbackPanel.id);
    this.feedbackPanel.hidden = true;
    var wrap = el('div', 'wm-controls-wrap');
    wrap.appendChild(bar);
    wrap.appendChild(this.feedbackPanel);
    return wrap;
  };

  /* State ------------------------------------------------------------------------------ */

  Player.prototype.altText = function (step, i) {
    var text = str(step.instruction);
    (step.annotations || []).forEach(function (a) {
      if (a.kind === 'callout' && str(a.text)) text += ' — ' + a.text;
    });
    return this.t('screenshot', { n: i + 1, text: text });
  };

  Player.prototype.show = function () {
    var root = this.root;
    MODES.forEach(function (m) { root.classList.toggle('wm-mode-' + m, false); });
    root.classList.add('wm-mode-' + this.mode);
    root.classList.toggle('wm-finished', this.done);
    if (this.modeButtons) {
      for (var m in this.modeButtons)
        this.modeButtons[m].setAttribute('aria-pressed', String(m === this.mode));
    }
    this.stage.hidden = this.mode === 'view' || this.done;
    this.list.hidden = this.mode !== 'view';
    this.doneView.hidden = !(this.done && this.mode !== 'view');
    this.pauseButton.hidden = this.mode !== 'watch' || this.done;
    /* At the end the question is on the page itself. */
    this.feedbackButton.hidden = this.done && this.mode !== 'view';
    if (this.feedbackButton.hidden) this.feedbackPanel.hidden = true;
    this.pauseButton.textContent = this.t(this.playing ? 'pause' : 'play');
    this.pauseButton.setAttribute('aria-pressed', String(!this.playing));
    this.clearTimers();

    if (this.mode === 'view') {
      this.updateChrome();
      return;
    }
    if (this.done) {
      this.updateChrome();
      return;
    }
    this.renderStep();
  };

  Player.prototype.updateChrome = function () {
    var n = this.steps.length;
    var at = this.done ? n : this.index + 1;
    var view = this.mode === 'view';
    this.progressBar.style.width = (n ? (this.done ? 100 : (this.index / n) * 100) : 0) + '%';
    this.progress.setAttribute('aria-valuenow', String(this.done ? n : this.index));
    this.progress.hidden = view;
    this.counter.textContent = n ? this.t('stepOf', { n: Math.min(at, n), total: n }) : '';
    this.backButton.disabled = this.done ? false : this.index === 0;
    this.backButton.hidden = view;
    this.nextButton.hidden = view || this.done;
    this.counter.hidden = view;
    this.restartButton.hidden = view || this.done;
  };

  Player.prototype.renderStep = function () {
    var self = this, step = this.steps[this.index];
    var token = ++this.renderToken;
    this.updateChrome();
    if (!step) return;
    var w = num(step.width, 0) || 1280, h = num(step.height, 0) || 720;
    var info = step.image && this.model.images ? this.model.images[step.image] : null;
    if (info) { w = num(info.width, w); h = num(info.height, h); }
    this.imageSize = { width: w, height: h };
    this.frame.style.setProperty('--wm-aspect', String(w / h));
    this.frame.classList.toggle('wm-no-image', !info);
    this.canvas.width = w;
    this.canvas.height = h;
    this.canvas.setAttribute('aria-label', this.altText(step, this.index));

    setInstruction(this.bubbleText, step);
    this.bubbleNotes.textContent = str(step.notes);
    this.bubbleNotes.hidden = !str(step.notes);
    this.bubbleHint.textContent = '';
    this.bubbleHint.hidden = true;

    var hasPoint = num(step.x, -1) >= 0 && num(step.y, -1) >= 0;
    var typing = this.mode === 'try' && str(step.kind) === 'type';
    this.hasPoint = hasPoint;
    this.hotspot.hidden = !hasPoint || this.mode !== 'try' || typing;
    this.bubbleContinue.hidden = hasPoint || this.mode !== 'try' || typing;
    this.typeForm.hidden = !typing;
    if (hasPoint) {
      this.hotspot.style.left = (step.x / w * 100) + '%';
      this.hotspot.style.top = (step.y / h * 100) + '%';
      this.hotspot.setAttribute('aria-label', this.t('hotspot', { text: str(step.instruction) }));
    }
    if (typing) this.prepareTyping(step, hasPoint ? step.x / w : 0.5, hasPoint ? step.y / h : 0.5);
    this.placeBubble();
    this.announce();
    this.reach(this.index);

    if (info) {
      this.images.layers(step.image).then(function (layers) {
        if (token !== self.renderToken) return;
        var ctx = self.canvas.getContext('2d');
        layers.forEach(function (l) { ctx.drawImage(l.img, l.x, l.y); });
      }).catch(function () { /* a broken picture leaves the frame blank; the text stays */ });
      this.prefetch(this.index + 1);
    } else {
      var ctx = this.canvas.getContext('2d');
      ctx.clearRect(0, 0, w, h);
    }
    if (this.mode === 'watch') this.playStep(token);
  };

  Player.prototype.prefetch = function (i) {
    var step = this.steps[i];
    if (step && step.image) this.images.layers(step.image).catch(function () {});
  };

  /* The instruction sits beside the hotspot: on its right when there is room, else on its
   * left; vertically centred on it and kept inside the frame. Narrow frames (phones) put
   * it under the picture instead (CSS, .wm-compact) and magnify the picture around the
   * click, which stays where it is: scaling about a point leaves that point in place, so
   * the hotspot needs no moving and the frame stays covered. */
  Player.prototype.placeBubble = function () {
    if (!this.imageSize || this.stage.hidden) return;
    var step = this.steps[this.index] || {};
    var fw = this.frame.clientWidth, fh = this.frame.clientHeight;
    var compact = fw < 640;
    this.frame.classList.toggle('wm-compact', compact);
    this.stage.classList.toggle('wm-compact', compact);
    var zoom = compact && this.hasPoint ? Math.min(2.5, Math.max(1, this.imageSize.width / 960)) : 1;
    this.canvas.style.transformOrigin = this.hasPoint
      ? (step.x / this.imageSize.width * 100) + '% ' + (step.y / this.imageSize.height * 100) + '%' : '';
    this.canvas.style.transform = zoom > 1 ? 'scale(' + zoom + ')' : '';
    var b = this.bubble;
    if (compact || !this.hasPoint) {
      b.style.left = b.style.top = '';
      b.classList.remove('wm-left', 'wm-right');
      return;
    }
    var px = step.x / this.imageSize.width * fw, py = step.y / this.imageSize.height * fh;
    var gap = 34, bw = b.offsetWidth, bh = b.offsetHeight;
    var top = Math.max(4, Math.min(fh - bh - 4, py - bh / 2));
    var sx = fw / this.imageSize.width, sy = fh / this.imageSize.height;
    var marks = (step.annotations || []).map(function (a) {
      var x = num(a.x, 0), y = num(a.y, 0), w = num(a.width, 0), h = num(a.height, 0);
      return { x0: Math.min(x, x + w) * sx, x1: Math.max(x, x + w) * sx,
               y0: Math.min(y, y + h) * sy, y1: Math.max(y, y + h) * sy };
    });
    /* The side with room wins; between two with room, the one covering fewer marks. */
    var at = function (isRight) {
      return isRight ? Math.min(px + gap, fw - bw) : Math.max(0, px - gap - bw);
    };
    var covers = function (l) {
      return marks.filter(function (m) {
        return m.x0 < l + bw && m.x1 > l && m.y0 < top + bh && m.y1 > top;
      }).length;
    };
    var fitsRight = px + gap + bw <= fw, fitsLeft = px - gap - bw >= 0;
    var right = fitsRight || px < fw / 2;
    if (fitsRight && fitsLeft && covers(at(true)) > covers(at(false))) right = false;
    var left = at(right);
    if (!this.typeForm.hidden) {
      /* Under the field (or over it near the bottom), never on it. */
      var half = this.typeForm.offsetHeight / 2 + 10;
      top = py + half + bh <= fh ? py + half : Math.max(4, py - half - bh);
      left = Math.max(0, Math.min(fw - bw, px - bw / 2));
    }
    b.classList.toggle('wm-right', right);
    b.classList.toggle('wm-left', !right);
    b.style.left = left + 'px';
    b.style.top = top + 'px';
  };

  Player.prototype.announce = function () {
    var step = this.steps[this.index];
    this.live.textContent = this.t('stepOf', { n: this.index + 1, total: this.steps.length }) +
      ': ' + str(step && step.instruction);
  };

  Player.prototype.showHint = function () {
    if (this.done) return;
    this.bubbleHint.textContent = this.t('hint');
    this.bubbleHint.hidden = false;
    this.live.textContent = this.t('hint');
    this.frame.classList.remove('wm-flash');
    void this.frame.offsetWidth;  /* restart the flash animation */
    this.frame.classList.add('wm-flash');
    this.placeBubble();
    var step = this.steps[this.index];
    this.emit('miss', { step: this.index + 1, stepId: str(step && step.id) });
  };

  /* The expected text is the field's placeholder (the hint); a step whose text the recorder
   * dropped (a password) takes any text. */
  Player.prototype.prepareTyping = function (step, fx, fy) {
    var expected = str(step.text);
    this.typeField.value = '';
    this.typeField.type = expected ? 'text' : 'password';
    this.typeField.placeholder = expected;
    this.typeField.setAttribute('aria-label', expected ? this.t('typeHere', { text: expected })
                                                       : this.t('typeSecret'));
    this.typeForm.style.left = (fx * 100) + '%';
    this.typeForm.style.top = (fy * 100) + '%';
  };

  /* Typing steps are not passed until something is typed. */
  Player.prototype.typed = function () {
    var step = this.steps[this.index];
    if (this.mode !== 'try' || this.done || !step || str(step.kind) !== 'type') return true;
    return this.typeField.value.trim() !== '';
  };

  Player.prototype.advanceFromTry = function () {
    if (this.mode !== 'try') return;
    if (!this.typed()) {
      this.bubbleHint.textContent = this.t('typeHint');
      this.bubbleHint.hidden = false;
      this.live.textContent = this.t('typeHint');
      this.typeField.focus();
      return;
    }
    this.next();
  };

  /* Watch: the pointer glides to the hotspot, clicks, and the step waits long enough to
   * read its instruction before the next one. */
  Player.prototype.playStep = function (token) {
    var self = this, step = this.steps[this.index];
    var p = this.pointer, reduce = reducedMotion();
    this.pointer.hidden = !this.hasPoint;
    p.classList.remove('wm-clicking');
    var travel = reduce ? 0 : 900 / this.speed;
    if (this.hasPoint) {
      p.classList.toggle('wm-instant', reduce);
      p.style.transitionDuration = travel + 'ms';   /* arrives as the click shows */
      p.style.left = (step.x / this.imageSize.width * 100) + '%';
      p.style.top = (step.y / this.imageSize.height * 100) + '%';
    }
    if (!this.playing) return;
    var read = (2200 + 45 * str(step.instruction).length + 30 * str(step.notes).length) / this.speed;
    this.later(function () {
      if (token !== self.renderToken) return;
      p.classList.add('wm-clicking');
      self.later(function () { if (token === self.renderToken) self.next(); }, read);
    }, travel);
  };

  Player.prototype.later = function (fn, ms) {
    this.timers.push(setTimeout(fn, ms));
  };

  Player.prototype.clearTimers = function () {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  };

  Player.prototype.reach = function (i) {
    if (this.reached.has(i) || !this.steps[i]) return;
    this.reached.add(i);
    this.emit('step', { step: i + 1, stepId: str(this.steps[i].id) });
    if (this.mode === 'view' && i === this.steps.length - 1) this.complete();
  };

  Player.prototype.complete = function () {
    if (this.completed) return;
    this.completed = true;
    this.emit('complete', { durationMs: Date.now() - this.startedAt });
  };

  Player.prototype.emit = function (type, extra) {
    var m = this.model;
    var detail = Object.assign({ tutorial: str(m.id), slug: str(m.slug), title: str(m.title),
                                 version: num(m.version, 0), mode: this.mode,
                                 total: this.steps.length }, extra);
    this.root.dispatchEvent(new CustomEvent('waymark:' + type, { bubbles: true, detail: detail }));
    if (global.parent && global.parent !== global) {
      try {
        global.parent.postMessage(Object.assign({ source: 'waymark', type: 'waymark:' + type },
                                                detail), '*');
      } catch (e) { /* a closed or cross-origin-restricted parent: nothing to tell */ }
    }
  };

  /* View ------------------------------------------------------------------------------- */

  Player.prototype.renderCard = function (i) {
    var c = this.cardItems[i], step = this.steps[i];
    if (!c || c.rendered || !c.canvas) return;
    c.rendered = true;
    var info = this.model.images[step.image];
    var w = num(info.width, 1), h = num(info.height, 1);
    /* The zoom (wm_export_zoom_rect): around the click, holding every mark. */
    var z = step.zoom || {};
    var sx = num(z.x, 0), sy = num(z.y, 0);
    var cw = num(z.width, w) || w, ch = num(z.height, h) || h;
    var x = num(step.x, -1), y = num(step.y, -1);
    c.canvas.width = cw;
    c.canvas.height = ch;
    this.images.layers(step.image).then(function (layers) {
      var ctx = c.canvas.getContext('2d');
      ctx.translate(-sx, -sy);
      layers.forEach(function (l) { ctx.drawImage(l.img, l.x, l.y); });
      if (x >= 0 && y >= 0) {
        /* wm_marks_draw_click's ring, as on the PDF's pages. */
        var r = Math.max(16, Math.floor(w / 90));
        ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.lineWidth = r * 0.35;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
        ctx.lineWidth = r * 0.18;
        ctx.strokeStyle = '#e01b24';
        ctx.stroke();
      }
    }).catch(function () { c.rendered = false; });
  };

  Player.prototype.renderAllCards = function () {
    for (var i = 0; i < this.cardItems.length; i++) this.renderCard(i);
  };

  Player.prototype.filterCards = function () {
    var q = this.searchInput.value.trim().toLowerCase();
    var shown = 0;
    this.cardItems.forEach(function (c) {
      c.item.hidden = q !== '' && c.text.indexOf(q) < 0;
      if (!c.item.hidden) shown++;
    });
    this.noMatch.hidden = shown > 0;
    this.noMatch.textContent = shown ? '' : this.t('noMatch', { q: this.searchInput.value });
    this.live.textContent = shown ? this.t('matches', { n: shown, total: this.steps.length })
                                  : this.noMatch.textContent;
  };

  /* Keyboard: Enter/→ next, ← back, Space pause (Watch), Home restart. Keys typed into
   * the search box and on buttons keep their own meaning. */
  Player.prototype.onKey = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || this.mode === 'view') return;
    var onButton = tag === 'BUTTON';
    switch (e.key) {
      case 'Enter':
        if (onButton) return;
        if (!this.done) this.next();
        break;
      case 'ArrowRight':
        if (!this.done) this.next();
        break;
      case 'ArrowLeft':
        this.back();
        break;
      case 'Home':
        this.restart();
        break;
      case ' ':
        if (onButton || this.mode !== 'watch') return;
        this.playing ? this.pause() : this.resume();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  /* Escape pressed inside an embedded player belongs to the page around it (widget.js closes
   * its overlay on it): keyboard events do not cross the frame, so the message does. */
  Player.prototype.forwardEscape = function (e) {
    if (e.key !== 'Escape' || e.defaultPrevented || !global.parent || global.parent === global)
      return;
    try {
      global.parent.postMessage({ source: 'waymark', type: 'waymark:escape' }, '*');
    } catch (err) { /* a closed parent: nothing to tell */ }
  };

  /* Controller API --------------------------------------------------------------------- */

  Player.prototype.goTo = function (i) {
    if (!this.steps.length) return;
    this.index = Math.max(0, Math.min(this.steps.length - 1, i));
    this.done = false;
    this.show();
  };

  Player.prototype.next = function () {
    if (this.done) return;
    if (!this.typed()) {
      this.advanceFromTry();
      return;
    }
    if (this.index + 1 < this.steps.length) {
      this.goTo(this.index + 1);
      return;
    }
    this.done = true;
    this.renderToken++;
    this.live.textContent = this.t('finished');
    this.complete();
    this.show();
    this.doneTitle.focus();
  };

  Player.prototype.back = function () {
    if (this.done) this.goTo(this.steps.length - 1);
    else if (this.index > 0) this.goTo(this.index - 1);
  };

  Player.prototype.restart = function () {
    this.playing = true;
    this.goTo(0);
    this.root.focus();
  };

  Player.prototype.setMode = function (mode) {
    if (MODES.indexOf(mode) < 0) return;
    this.mode = mode;
    if (mode === 'view') {
      this.done = false;
      this.show();
      var card = this.cardItems[this.index];
      if (card && this.index > 0) card.item.scrollIntoView({ block: 'start' });
      return;
    }
    if (mode === 'watch') this.playing = true;
    this.show();
  };

  Player.prototype.pause = function () {
    this.playing = false;
    this.show();
  };

  Player.prototype.resume = function () {
    this.playing = true;
    this.show();
  };

  Player.prototype.destroy = function () {
    this.clearTimers();
    this.renderToken++;
    this.cleanups.forEach(function (fn) { fn(); });
    this.root.textContent = '';
  };

  function controller (player) {
    return {
      element: player.root,
      get mode () { return player.mode; },
      get step () { return player.index + 1; },
      get finished () { return player.done; },
      setMode: function (m) { player.setMode(m); },
      goTo: function (i) { player.goTo(i); },
      next: function () { player.next(); },
      back: function () { player.back(); },
      restart: function () { player.restart(); },
      pause: function () { player.pause(); },
      resume: function () { player.resume(); },
      destroy: function () { player.destroy(); }
    };
  }

  /* Options from the page's fragment, so a link can open a mode or a step:
   * page.html#mode=watch&step=3&speed=2 */
  function optionsFromHash (hash) {
    var out = {};
    String(hash || '').replace(/^#/, '').split('&').forEach(function (pair) {
      var kv = pair.split('='), k, v;
      try {
        k = decodeURIComponent(kv[0] || '');
        v = decodeURIComponent(kv[1] || '');
      } catch (e) {
        return;   /* a mangled link still opens the tutorial */
      }
      if (k === 'mode' && MODES.indexOf(v) >= 0) out.mode = v;
      else if ((k === 'step' || k === 'speed') && isFinite(Number(v)) && v !== '') out[k] = Number(v);
      else if (k === 'embed') out.embed = v !== '0';
    });
    return out;
  }

  var WaymarkPlayer = {
    version: 1,
    labels: LABELS,
    mount: function (element, model, options) {
      return controller(new Player(element, model, options));
    },
    /* The single-file page and the site's pages: the model is the JSON text of the
     * element id="waymark-model" (a script element of type application/json), the
     * options that of id="waymark-options" and the URL fragment. */
    mountFromDocument: function (doc) {
      doc = doc || document;
      var root = doc.getElementById('waymark-player');
      var modelNode = doc.getElementById('waymark-model');
      if (!root || !modelNode) return null;
      var optionsNode = doc.getElementById('waymark-options');
      var options = optionsNode ? JSON.parse(optionsNode.textContent) : {};
      Object.assign(options, optionsFromHash(global.location && global.location.hash));
      var player = WaymarkPlayer.mount(root, JSON.parse(modelNode.textContent), options);
      root.focus({ preventScroll: true });
      return player;
    },
    optionsFromHash: optionsFromHash
  };

  global.WaymarkPlayer = WaymarkPlayer;
})(typeof window !== 'undefined' ? window : this);
