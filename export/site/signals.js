/* signals.js — a published tutorial page tells the library's LRS what its reader did
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Present only when the library was published with an LRS (`waymark publish --lrs URL`).
 * Reads <script type="application/json" id="waymark-signals">: { endpoint, auth, activity,
 * tutorial, version, title, homePage }, listens to the player's events on the page and sends
 * xAPI 1.0.3 statements (the profile is in README, "Adoption signals"):
 *
 *   launched     the player is shown
 *   progressed   a step is reached (its number and id; progress in percent)
 *   completed    the end is reached (duration)
 *   responded    "Did this help?" answered (yes/no, the comment)
 *   terminated   the reader leaves (the last step, whether completed, duration)
 *
 * The reader is anonymous: a random id kept in this browser, unless the embedding page
 * says who it is ({ source: 'waymark-host', type: 'actor', actor } by postMessage; the
 * widget passes its data-actor so). Statements go in batches with keepalive, so the last
 * ones survive the page closing; what fails to send is kept in localStorage and sent with
 * the next batch, here or on the next tutorial page of the same library. Nothing here can
 * stop or slow the player: every error is swallowed.
 */
(function (global) {
  'use strict';

  var EXT = 'urn:waymark:xapi:';
  var ADL = 'http://adlnet.gov/expapi/verbs/';
  var QUEUE_KEY = 'waymark.signals.queue';
  var READER_KEY = 'waymark.signals.reader';
  var MAX_QUEUED = 500;

  var node = document.getElementById('waymark-signals');
  var config;
  try { config = node ? JSON.parse(node.textContent) : null; } catch (e) { config = null; }
  if (!config || typeof config.endpoint !== 'string' || !/^https?:\/\//.test(config.endpoint)) return;

  var endpoint = config.endpoint.replace(/\/?$/, '/');
  var registration = uuid();
  var hostActor = null;
  var pending = [];
  var busy = false, timer = 0;
  var started = Date.now(), lastStep = 0, completed = false, left = false;

  function uuid () {
    var b = new Uint8Array(16);
    global.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function storage () {
    try { return global.localStorage; } catch (e) { return null; }
  }

  function anonymous () {
    var s = storage(), id = null;
    try { id = s && s.getItem(READER_KEY); } catch (e) { id = null; }
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) {
      id = uuid();
      try { if (s) s.setItem(READER_KEY, id); } catch (e) { /* private mode: one id per page */ }
    }
    return { objectType: 'Agent',
             account: { homePage: config.homePage || global.location.origin || 'urn:waymark', name: id } };
  }

  /* An actor the host page passes must identify someone the xAPI way. */
  function validActor (a) {
    if (!a || typeof a !== 'object') return false;
    if (a.account && typeof a.account.homePage === 'string' && typeof a.account.name === 'string') return true;
    return ['mbox', 'mbox_sha1sum', 'openid'].some(function (k) { return typeof a[k] === 'string'; });
  }

  function isoDuration (ms) {
    return 'PT' + Math.max(0, Math.round(ms / 10) / 100) + 'S';
  }

  function statement (verb, extensions, result) {
    var ext = { };
    ext[EXT + 'tutorial'] = config.tutorial;
    ext[EXT + 'version'] = config.version;
    Object.keys(extensions || {}).forEach(function (k) { ext[EXT + k] = extensions[k]; });
    var s = {
      id: uuid(), timestamp: new Date().toISOString(),
      verb: { id: ADL + verb, display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: config.activity,
                definition: { type: 'http://adlnet.gov/expapi/activities/lesson',
                              name: { und: String(config.title || '') } } },
      context: { registration: registration, platform: 'Waymark', extensions: ext }
    };
    if (result) s.result = result;
    return s;
  }

  function loadQueued () {
    var s = storage();
    try {
      var q = JSON.parse((s && s.getItem(QUEUE_KEY)) || '[]');
      if (s) s.removeItem(QUEUE_KEY);
      return Array.isArray(q) ? q : [];
    } catch (e) { return []; }
  }

  function keepQueued (batch) {
    var s = storage();
    if (!s) return;
    try {
      var q = loadQueued().concat(batch).slice(-MAX_QUEUED);
      s.setItem(QUEUE_KEY, JSON.stringify(q));
    } catch (e) { /* storage full or off: those statements are lost, the player is not */ }
  }

  function forget (batch) {
    var ids = {};
    batch.forEach(function (s) { ids[s.id] = true; });
    keepQueued(loadQueued().filter(function (s) { return !ids[s.id]; }));
  }

  /* The actor is decided when a statement leaves, so a host's actor that arrives a moment
   * after the page still names the first statements. */
  function flush (leaving) {
    clearTimeout(timer);
    timer = 0;
    if (busy && !leaving) return;
    var batch = loadQueued().concat(pending.map(function (s) {
      if (!s.actor) s.actor = hostActor || anonymous();
      return s;
    }));
    pending = [];
    if (!batch.length) return;
    busy = true;
    /* A page closing now may never hear the answer: the batch waits in storage until then. */
    if (leaving) keepQueued(batch);
    var headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' };
    if (config.auth) headers.Authorization = config.auth;
    var done = function (status) {
      busy = false;
      /* 409: the LRS has these ids already (sent before a page closed): nothing to resend. */
      var ok = status >= 200 && status < 300 || status === 409;
      if (ok && leaving) forget(batch);
      if (!ok && !leaving) keepQueued(batch);
      if (ok && pending.length && !leaving) schedule();
    };
    try {
      fetch(endpoint + 'statements', { method: 'POST', headers: headers, body: JSON.stringify(batch),
                                       keepalive: true, credentials: 'omit', mode: 'cors' })
        .then(function (r) { done(r.status); }, function () { done(0); });
    } catch (e) {
      done(0);
    }
  }

  function schedule () {
    if (!timer) timer = setTimeout(function () { flush(false); }, 400);
  }

  function send (verb, extensions, result) {
    pending.push(statement(verb, extensions, result));
    schedule();
  }

  function mine (e) {
    return e.detail && e.detail.tutorial === config.tutorial;
  }

  document.addEventListener('waymark:start', function (e) {
    if (!mine(e)) return;
    send('launched', { mode: String(e.detail.mode || '') });
  });
  document.addEventListener('waymark:step', function (e) {
    if (!mine(e)) return;
    lastStep = Math.max(lastStep, Number(e.detail.step) || 0);
    var total = Math.max(1, Number(e.detail.total) || 1);
    send('progressed', { step: Number(e.detail.step) || 0, 'step-id': String(e.detail.stepId || '') },
         { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress':
                         Math.round(Math.min(1, e.detail.step / total) * 100) } });
  });
  document.addEventListener('waymark:complete', function (e) {
    if (!mine(e) || completed) return;
    completed = true;
    send('completed', {}, { completion: true, duration: isoDuration(Number(e.detail.durationMs) || 0) });
  });
  document.addEventListener('waymark:feedback', function (e) {
    if (!mine(e)) return;
    var ext = {};
    ext[EXT + 'comment'] = String(e.detail.comment || '').slice(0, 2000);
    send('responded', { step: Number(e.detail.step) || 0 },
         { response: e.detail.helpful ? 'yes' : 'no', extensions: ext });
  });

  function leave () {
    if (left) return;
    left = true;
    pending.push(statement('terminated', { step: lastStep },
                           { completion: completed, duration: isoDuration(Date.now() - started) }));
    flush(true);
  }
  global.addEventListener('pagehide', leave);

  global.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.source !== 'waymark-host' || d.type !== 'actor' || !validActor(d.actor)) return;
    hostActor = d.actor;
  });
})(window);
