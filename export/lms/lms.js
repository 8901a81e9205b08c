/* lms.js — the launch page of a Waymark LMS package: plays the tutorial and tells the LMS
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads three JSON elements of index.html (waymark-model, waymark-options and waymark-lms:
 * { format: 'scorm12'|'scorm2004'|'cmi5', mastery: 0–100, activity: IRI }), finds the LMS
 * the way each specification says, mounts the player (export/player/player.js) at the step
 * the learner stopped at, and reports from the player's DOM events:
 *
 *   SCORM 1.2   the API object in a parent or opener window: cmi.core.lesson_location (the
 *               step), cmi.suspend_data, cmi.core.lesson_status, score, session time, exit.
 *   SCORM 2004  API_1484_11 likewise: cmi.location, cmi.suspend_data, cmi.progress_measure,
 *               cmi.completion_status, cmi.success_status, cmi.score.*, session time, exit.
 *   cmi5        the launch URL's endpoint, fetch, actor, registration and activityId: the
 *               fetch URL gives the token, LMS.LaunchData the context template; then xAPI
 *               1.0.3 statements: initialized, progressed (each step reached, with its
 *               number and instruction), completed, passed/failed, terminated; the step to
 *               resume at is kept in the AU's own state document.
 *
 * Mastery (package option or the LMS's own passing score): the share of steps reached in
 * Try without a click beside the hotspot. Without an LMS (opened from disk) the page just
 * plays. Nothing is sent anywhere but to the LMS that launched it.
 */
(function (global) {
  'use strict';

  var CMI5 = 'https://w3id.org/xapi/cmi5/';
  var EXT = 'urn:waymark:xapi:';
  var CATEGORY_CMI5 = { id: CMI5 + 'context/categories/cmi5' };
  var CATEGORY_MOVEON = { id: CMI5 + 'context/categories/moveon' };
  var VERBS = {
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    progressed: 'http://adlnet.gov/expapi/verbs/progressed',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    passed: 'http://adlnet.gov/expapi/verbs/passed',
    failed: 'http://adlnet.gov/expapi/verbs/failed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated'
  };

  function readJson (id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }

  var config = readJson('waymark-lms');
  var model = readJson('waymark-model');
  var options = readJson('waymark-options');
  var steps = Array.isArray(model.steps) ? model.steps : [];

  /* What the learner has done, kept by the LMS between sessions (SCORM 1.2 allows 4,096
   * characters of suspend data: step numbers only). */
  var progress = { step: 1, reached: {}, clean: {}, missed: {}, completed: false };
  var startedAt = Date.now();

  function suspendData () {
    return JSON.stringify({ v: 1, s: progress.step, r: Object.keys(progress.reached).map(Number),
                            c: Object.keys(progress.clean).map(Number),
                            m: Object.keys(progress.missed).map(Number), d: progress.completed });
  }

  function restore (text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return; }
    if (!data || data.v !== 1) return;
    var step = Number(data.s);
    if (step >= 1 && step <= steps.length) progress.step = Math.floor(step);
    [['r', 'reached'], ['c', 'clean'], ['m', 'missed']].forEach(function (pair) {
      (Array.isArray(data[pair[0]]) ? data[pair[0]] : []).forEach(function (n) {
        if (n >= 1 && n <= steps.length) progress[pair[1]][n] = true;
      });
    });
    progress.completed = data.d === true;
  }

  function count (set) { return Object.keys(set).length; }

  /* 0–100: steps reached in Try without a miss. */
  function score () {
    if (!steps.length) return 100;
    var n = 0;
    Object.keys(progress.clean).forEach(function (k) { if (!progress.missed[k]) n++; });
    return Math.round(n / steps.length * 100);
  }

  function seconds () { return (Date.now() - startedAt) / 1000; }

  /* ISO 8601 duration, as SCORM 2004 and xAPI want it: PT1H2M3.5S */
  function isoDuration (s) {
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    var rest = Math.round((s % 60) * 100) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + rest + 'S';
  }

  /* SCORM 1.2's CMITimespan: HHHH:MM:SS.SS */
  function scormTimespan (s) {
    function pad (v, n) { v = String(v); while (v.length < n) v = '0' + v; return v; }
    var h = Math.min(9999, Math.floor(s / 3600)), m = Math.floor(s % 3600 / 60);
    var sec = (Math.round((s % 60) * 100) / 100).toFixed(2);
    return pad(h, 4) + ':' + pad(m, 2) + ':' + (sec.length < 5 ? '0' + sec : sec);
  }

  /* Finding the LMS ------------------------------------------------------------------- */

  /* The run-time specifications' search: this window and its parents, then the opener's
   * chain. A parent of another origin ends the search there. */
  function findIn (win, name) {
    for (var tries = 0; win && tries < 500; tries++) {
      try {
        if (win[name]) return win[name];
        if (!win.parent || win.parent === win) return null;
      } catch (e) {
        return null;
      }
      win = win.parent;
    }
    return null;
  }

  function findApi (name) {
    var api = findIn(global, name);
    try {
      if (!api && global.top && global.top.opener) api = findIn(global.top.opener, name);
      if (!api && global.opener) api = findIn(global.opener, name);
    } catch (e) { /* an opener of another origin */ }
    return api;
  }

  /* SCORM 1.2 --------------------------------------------------------------------------- */

  function Scorm12 (api) { this.api = api; }

  Scorm12.prototype.get = function (k) { var v = this.api.LMSGetValue(k); return v == null ? '' : String(v); };
  Scorm12.prototype.set = function (k, v) { return this.api.LMSSetValue(k, String(v)); };

  Scorm12.prototype.start = function () {
    if (String(this.api.LMSInitialize('')) !== 'true') return false;
    var status = this.get('cmi.core.lesson_status');
    if (this.get('cmi.core.entry') === 'resume' || this.get('cmi.suspend_data'))
      restore(this.get('cmi.suspend_data'));
    var location = Number(this.get('cmi.core.lesson_location'));
    if (location >= 1 && location <= steps.length) progress.step = Math.floor(location);
    var lmsMastery = Number(this.get('cmi.student_data.mastery_score'));
    if (this.get('cmi.student_data.mastery_score') !== '' && lmsMastery >= 0) this.mastery = lmsMastery;
    if (status === '' || status === 'not attempted') this.set('cmi.core.lesson_status', 'incomplete');
    this.api.LMSCommit('');
    return true;
  };

  Scorm12.prototype.save = function () {
    this.set('cmi.core.lesson_location', progress.step);
    this.set('cmi.suspend_data', suspendData());
    this.api.LMSCommit('');
  };

  Scorm12.prototype.complete = function (mastery) {
    this.save();
    if (mastery > 0) {
      var s = score();
      this.set('cmi.core.score.min', 0);
      this.set('cmi.core.score.max', 100);
      this.set('cmi.core.score.raw', s);
      this.set('cmi.core.lesson_status', s >= mastery ? 'passed' : 'failed');
    } else {
      this.set('cmi.core.lesson_status', 'completed');
    }
    this.api.LMSCommit('');
  };

  Scorm12.prototype.finish = function () {
    this.set('cmi.core.session_time', scormTimespan(seconds()));
    this.set('cmi.core.exit', progress.completed ? '' : 'suspend');
    this.save();
    this.api.LMSFinish('');
  };

  /* SCORM 2004 -------------------------------------------------------------------------- */

  function Scorm2004 (api) { this.api = api; }

  Scorm2004.prototype.get = function (k) { var v = this.api.GetValue(k); return v == null ? '' : String(v); };
  Scorm2004.prototype.set = function (k, v) { return this.api.SetValue(k, String(v)); };

  Scorm2004.prototype.start = function () {
    if (String(this.api.Initialize('')) !== 'true') return false;
    if (this.get('cmi.entry') === 'resume' || this.get('cmi.suspend_data'))
      restore(this.get('cmi.suspend_data'));
    var location = Number(this.get('cmi.location'));
    if (location >= 1 && location <= steps.length) progress.step = Math.floor(location);
    var passing = this.get('cmi.scaled_passing_score');
    if (passing !== '' && Number(passing) >= 0) this.mastery = Math.round(Number(passing) * 100);
    var status = this.get('cmi.completion_status');
    if (status === '' || status === 'not attempted' || status === 'unknown')
      this.set('cmi.completion_status', 'incomplete');
    this.api.Commit('');
    return true;
  };

  Scorm2004.prototype.save = function () {
    this.set('cmi.location', progress.step);
    this.set('cmi.suspend_data', suspendData());
    var measure = steps.length ? count(progress.reached) / steps.length : 1;
    this.set('cmi.progress_measure', Math.min(1, Math.round(measure * 10000) / 10000));
    this.api.Commit('');
  };

  Scorm2004.prototype.complete = function (mastery) {
    this.save();
    this.set('cmi.completion_status', 'completed');
    this.set('cmi.progress_measure', 1);
    if (mastery > 0) {
      var s = score();
      this.set('cmi.score.min', 0);
      this.set('cmi.score.max', 100);
      this.set('cmi.score.raw', s);
      this.set('cmi.score.scaled', s / 100);
      this.set('cmi.success_status', s >= mastery ? 'passed' : 'failed');
    }
    this.api.Commit('');
  };

  Scorm2004.prototype.finish = function () {
    this.set('cmi.session_time', isoDuration(seconds()));
    this.set('cmi.exit', progress.completed ? 'normal' : 'suspend');
    this.save();
    this.api.Terminate('');
  };

  /* cmi5 --------------------------------------------------------------------------------- */

  function uuid () {
    var b = new Uint8Array(16);
    global.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function Cmi5 (params) {
    this.endpoint = params.get('endpoint').replace(/\/?$/, '/');
    this.fetchUrl = params.get('fetch');
    this.actor = JSON.parse(params.get('actor'));
    this.registration = params.get('registration');
    this.activity = params.get('activityId');
    this.pending = [];
    this.busy = false;
    this.mode = 'Normal';
  }

  Cmi5.fromLocation = function () {
    var params = new URLSearchParams(global.location.search);
    var needed = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'];
    if (!needed.every(function (k) { return params.get(k); })) return null;
    try { return new Cmi5(params); } catch (e) { return null; }
  };

  Cmi5.prototype.headers = function (json) {
    var h = { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic ' + this.token };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  };

  Cmi5.prototype.stateUrl = function (stateId) {
    return this.endpoint + 'activities/state?' + new URLSearchParams({
      stateId: stateId, activityId: this.activity, agent: JSON.stringify(this.actor),
      registration: this.registration }).toString();
  };

  Cmi5.prototype.getState = function (stateId) {
    return fetch(this.stateUrl(stateId), { headers: this.headers(false) }).then(function (r) {
      return r.ok ? r.json() : null;
    });
  };

  /* The token is asked for once: the fetch URL answers only the first request. */
  Cmi5.prototype.start = function () {
    var self = this;
    return fetch(this.fetchUrl, { method: 'POST' }).then(function (r) { return r.json(); })
      .then(function (answer) {
        if (!answer || !answer['auth-token']) throw new Error('no token');
        self.token = answer['auth-token'];
        return self.getState('LMS.LaunchData');
      }).then(function (launch) {
        launch = launch || {};
        self.template = launch.contextTemplate || {};
        self.mode = launch.launchMode || 'Normal';
        if (typeof launch.masteryScore === 'number') self.mastery = Math.round(launch.masteryScore * 100);
        return self.getState('waymark.progress').catch(function () { return null; });
      }).then(function (saved) {
        if (saved) restore(JSON.stringify(saved));
        self.send('initialized', {}, true);
        return true;
      });
  };

  Cmi5.prototype.context = function (categories, extensions) {
    var c = JSON.parse(JSON.stringify(this.template || {}));
    c.registration = this.registration;
    c.contextActivities = c.contextActivities || {};
    c.contextActivities.category = (c.contextActivities.category || []).concat(categories);
    if (!c.contextActivities.category.length) delete c.contextActivities.category;
    c.extensions = Object.assign(c.extensions || {}, extensions || {});
    if (!Object.keys(c.extensions).length) delete c.extensions;
    return c;
  };

  /* @defined: a statement cmi5 defines (carries the cmi5 category). */
  Cmi5.prototype.statement = function (verb, extra, defined) {
    var categories = defined ? [CATEGORY_CMI5] : [];
    if (verb === 'completed' || verb === 'passed' || verb === 'failed') categories.push(CATEGORY_MOVEON);
    var s = {
      id: uuid(), timestamp: new Date().toISOString(), actor: this.actor,
      verb: { id: VERBS[verb], display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: this.activity },
      context: this.context(categories, extra.contextExtensions)
    };
    if (extra.result) s.result = extra.result;
    return s;
  };

  /* Statements go out in order, in batches: whatever is waiting when the last request
   * ended. keepalive lets a request outlive the page (the last ones are sent as it goes). */
  Cmi5.prototype.flush = function (leaving) {
    var self = this;
    if (!this.pending.length || (this.busy && !leaving)) return;
    var batch = this.pending;
    this.pending = [];
    this.busy = true;
    fetch(this.endpoint + 'statements', {
      method: 'POST', headers: this.headers(true), body: JSON.stringify(batch), keepalive: true
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
    }).catch(function () {
      self.pending = batch.concat(self.pending);   /* tried again with the next one */
    }).then(function () {
      self.busy = false;
      if (!leaving) self.flush(false);
    });
  };

  /* @defined: a statement cmi5 defines (initialized first, terminated last). */
  Cmi5.prototype.send = function (verb, extra, defined) {
    this.pending.push(this.statement(verb, extra, defined));
    this.flush(false);
  };

  Cmi5.prototype.saveState = function (keepalive) {
    return fetch(this.stateUrl('waymark.progress'), {
      method: 'PUT', headers: this.headers(true), body: suspendData(), keepalive: !!keepalive
    }).catch(function () {});
  };

  Cmi5.prototype.reached = function (n) {
    var step = steps[n - 1] || {};
    var ext = {};
    ext[EXT + 'step'] = n;
    ext[EXT + 'step-id'] = String(step.id || '');
    ext[EXT + 'instruction'] = String(step.instruction || '');
    var result = { extensions: {} };
    result.extensions[CMI5 + 'result/extensions/progress'] =
      Math.round(count(progress.reached) / Math.max(1, steps.length) * 100);
    this.send('progressed', { result: result, contextExtensions: ext }, false);
  };

  Cmi5.prototype.save = function () { this.saveState(false); };

  Cmi5.prototype.complete = function (mastery) {
    this.saveState(false);
    /* Browse and Review launches record nothing that counts toward moving on. */
    if (this.mode !== 'Normal') return;
    var duration = isoDuration(seconds());
    this.send('completed', { result: { completion: true, duration: duration } }, true);
    if (mastery > 0) {
      var s = score(), ext = {};
      ext[CMI5 + 'context/extensions/masteryscore'] = mastery / 100;
      this.send(s >= mastery ? 'passed' : 'failed', {
        result: { success: s >= mastery, duration: duration, score: { scaled: s / 100 } },
        contextExtensions: ext }, true);
    }
  };

  /* Leaving: the page is going away; what is still waiting goes now, terminated last. */
  Cmi5.prototype.finish = function () {
    this.saveState(true);
    this.pending.push(this.statement('terminated', { result: { duration: isoDuration(seconds()) } },
                                     true));
    this.flush(true);
  };

  /* Running -------------------------------------------------------------------------------- */

  function connect () {
    if (config.format === 'scorm12') {
      var api12 = findApi('API');
      return api12 ? new Scorm12(api12) : null;
    }
    if (config.format === 'scorm2004') {
      var api04 = findApi('API_1484_11');
      return api04 ? new Scorm2004(api04) : null;
    }
    if (config.format === 'cmi5') return Cmi5.fromLocation();
    return null;
  }

  function run (lms) {
    var root = document.getElementById('waymark-player');
    if (!root) return;
    var mastery = lms && lms.mastery != null ? lms.mastery : Number(config.mastery) || 0;
    var finished = false;

    root.addEventListener('waymark:step', function (e) {
      var n = e.detail.step;
      progress.step = n;
      progress.reached[n] = true;
      if (e.detail.mode === 'try') progress.clean[n] = true;
      if (!lms) return;
      if (lms.reached) lms.reached(n);
      lms.save();
    });
    root.addEventListener('waymark:miss', function (e) { progress.missed[e.detail.step] = true; });
    root.addEventListener('waymark:complete', function () {
      if (progress.completed) return;
      progress.completed = true;
      if (lms) lms.complete(mastery);
    });

    function leave () {
      if (finished || !lms) return;
      finished = true;
      lms.finish();
    }
    global.addEventListener('pagehide', leave);
    global.addEventListener('beforeunload', leave);

    var opts = Object.assign({}, options, global.WaymarkPlayer.optionsFromHash(global.location.hash));
    if (progress.step > 1 && opts.step == null) opts.step = progress.step;
    global.WaymarkPlayer.mount(root, model, opts);
    root.focus({ preventScroll: true });
  }

  function begin () {
    var lms = null;
    try { lms = connect(); } catch (e) { lms = null; }
    if (!lms) return run(null);
    var started;
    try { started = lms.start(); } catch (e) { return run(null); }
    if (started && typeof started.then === 'function') {
      /* cmi5 answers over the network: play anyway if the LMS is slow or gone. */
      var done = false;
      var go = function (ok) { if (!done) { done = true; run(ok ? lms : null); } };
      started.then(function () { go(true); }, function (e) {
        /* Said once, for whoever looks at the LMS's console; the tutorial plays on. */
        if (global.console) global.console.warn('Waymark: the LMS did not answer the launch:', e && e.message);
        go(false);
      });
      setTimeout(function () { go(false); }, 8000);
      return;
    }
    run(started ? lms : null);
  }

  begin();
})(window);
