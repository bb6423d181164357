/*! Hosted Exchange simulator, embed.js (protocol version 1; README "Embedding").
 * <hes-simulator scenario="debt-unpaid" lang="it"></hes-simulator>, <hes-simulator section="g8">,
 * or <div data-hes-scenario="debt-unpaid" data-lang="it"> become a lazy, self-sizing frame of the
 * simulator. Attributes (or data-*): lang sub step beat autoplay speed theme controls title
 * sandbox height.
 * Each element gets .play() .pause() .step() .reset() .go(n), and the frame's events as DOM
 * CustomEvents (hes:ready, hes:settled, ...; the message in event.detail). No build step, no
 * inline script or style: works under a CSP that allows this app in script-src and frame-src. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || window.hesSimulator) return;
  var APP = new URL('.', me.src).href;
  var ORIGIN = new URL(APP).origin;
  var KEYS = ['lang', 'sub', 'step', 'beat', 'autoplay', 'speed', 'theme', 'controls'];
  var all = [];
  var queue = [];
  var busy = null;

  function attr(el, name) {
    var v = el.getAttribute(name);
    return v === null ? el.getAttribute('data-' + name) : v;
  }

  function what(el) {
    var s = attr(el, 'section') || el.getAttribute('data-hes-section');
    return s ? ['guide', s] : ['scenario', attr(el, 'scenario') || el.getAttribute('data-hes-scenario')];
  }

  function address(el) {
    var w = what(el);
    var q = new URLSearchParams();
    KEYS.forEach(function (k) {
      var v = attr(el, k);
      if (v !== null) q.set(k, v);
    });
    q.set('api', '1');
    q.set('origin', location.origin);
    // Two frames of one page keep apart: an instance name (the element's id, else its rank).
    var id = (el.id || 'n' + all.indexOf(el)).replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40);
    return APP + 'embed/' + w[0] + '/' + encodeURIComponent(w[1] || '') + '@' + id + '?' + q;
  }

  // Frames load one after another: the next once this one is ready (or after 10 s).
  function pump() {
    if (busy || !queue.length) return;
    // In the page's order, whichever came into view first.
    queue.sort(function (a, b) { return a.compareDocumentPosition(b) & 4 ? -1 : 1; });
    var el = queue.shift();
    busy = el;
    var f = document.createElement('iframe');
    f.src = address(el);
    f.title = attr(el, 'title') || 'Hosted Exchange simulator: ' + what(el)[1];
    f.setAttribute('allow', 'clipboard-write');
    if (attr(el, 'sandbox') !== null) f.setAttribute('sandbox', attr(el, 'sandbox'));
    f.style.border = '0';
    f.style.width = '100%';
    f.style.height = (parseInt(attr(el, 'height'), 10) || 480) + 'px';
    f.style.display = 'block';
    el.hes.frame = f;
    el.hes.timer = setTimeout(function () { done(el); }, 10000);
    el.appendChild(f);
  }

  function done(el) {
    clearTimeout(el.hes.timer);
    if (busy === el) {
      busy = null;
      pump();
    }
  }

  function load(el) {
    if (el.hes.queued) return;
    el.hes.queued = true;
    if (el.hes.seen) el.hes.seen.disconnect();
    queue.push(el);
    setTimeout(pump, 0);
  }

  function send(el, msg) {
    if (el.hes.ready) el.hes.frame.contentWindow.postMessage(msg, ORIGIN);
    else {
      el.hes.pending.push(msg);
      load(el);
    }
  }

  var api = {
    play: function () { send(this, { type: 'hes:play' }); },
    pause: function () { send(this, { type: 'hes:pause' }); },
    step: function () { send(this, { type: 'hes:step' }); },
    reset: function () { send(this, { type: 'hes:reset' }); },
    go: function (n) { send(this, what(this)[0] === 'guide' ? { type: 'hes:go', step: n } : { type: 'hes:go', beat: n }); },
    advance: function (to) { send(this, { type: 'hes:advance', to: to || 'next-event' }); },
    setLang: function (lang) { send(this, { type: 'hes:set-lang', lang: lang }); },
    setTheme: function (theme) { send(this, { type: 'hes:set-theme', theme: theme }); },
    load: function (scenario) { send(this, { type: 'hes:load', scenario: scenario }); }
  };

  function setup(el) {
    if (el.hes) return;
    el.hes = { pending: [] };
    all.push(el);
    Object.keys(api).forEach(function (k) {
      if (!(k in el)) el[k] = api[k];
    });
    if ('IntersectionObserver' in window) {
      el.hes.seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) load(el);
      }, { rootMargin: '200px' });
      el.hes.seen.observe(el);
    } else load(el);
  }

  addEventListener('message', function (e) {
    if (e.origin !== ORIGIN || !e.data || typeof e.data.type !== 'string') return;
    var el = all.filter(function (x) { return x.hes.frame && x.hes.frame.contentWindow === e.source; })[0];
    if (!el) return;
    var d = e.data;
    if (d.type === 'hes:height' && d.height > 0) {
      el.hes.frame.style.height = Math.min(d.height, 20000) + 'px';
      el.setAttribute('data-height', d.height);
    }
    if (d.type === 'hes:ready') {
      el.hes.ready = true;
      el.hes.pending.splice(0).forEach(function (m) { send(el, m); });
      done(el);
    }
    el.dispatchEvent(new CustomEvent(d.type, { detail: d }));
  });

  if (window.customElements && !customElements.get('hes-simulator')) {
    customElements.define('hes-simulator', class extends HTMLElement {
      connectedCallback() { this.style.display = 'block'; setup(this); }
    });
  }
  function scan() {
    document.querySelectorAll('[data-hes-scenario],[data-hes-section]').forEach(setup);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
  window.hesSimulator = { version: 1, scan: scan };
})();
