// Runs before the app. The release build inlines it into index.html (scripts/post-build.mjs:
// it blocks the first paint, and a file would cost a round trip first); the
// Content-Security-Policy allows it by its hash, as it does Trunk's loader.
// 1. The static first screen speaks the user's language (the one the app will use): <html lang>
//    is set before the first paint, and the stylesheet shows that language's texts.
// 2. The service worker: registered for offline use; when a new version has installed and is
//    waiting, the app is told ("hes-update-ready") and shows it; the page reloads only when the
//    user agrees (window.hesUpdate.apply()).
// 3. Faults (issue 16): a trap in the wasm (out of memory, or a panic: the release build aborts)
//    and the full app framed by another site load fault.js, which shows a notice in place of
//    the page (it needs no wasm).
(function () {
  'use strict';
  function lang() {
    try {
      var saved = localStorage.getItem('hes.lang');
      if (saved === 'fr' || saved === 'it' || saved === 'en') return saved;
    } catch (e) { /* storage blocked: the browser's languages decide */ }
    var prefs = navigator.languages || [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var code = String(prefs[i]).slice(0, 2).toLowerCase();
      if (code === 'fr' || code === 'it' || code === 'en') return code;
    }
    return 'en';
  }
  // Before the first paint (this script is not deferred): the stylesheet shows the static
  // first screen in this language.
  document.documentElement.lang = lang();

  function fault(kind) {
    if (window.hesFault) return;
    window.hesFault = kind;
    var script = document.createElement('script');
    script.src = new URL('fault.js', document.baseURI).href;
    document.head.appendChild(script);
  }
  function trapped(e) {
    return typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError;
  }
  window.addEventListener('error', function (ev) { if (trapped(ev.error)) fault('stopped'); });
  window.addEventListener('unhandledrejection', function (ev) { if (trapped(ev.reason)) fault('stopped'); });
  var framed;
  try { framed = window.top !== window.self && window.top.location.origin !== location.origin; } catch (e) { framed = true; }
  var path = location.pathname.slice(new URL(document.baseURI).pathname.length);
  if (framed && !/^embed\//.test(path) && !/[?&]embed=1(&|$)/.test(location.search)) fault('framed');

  if (!('serviceWorker' in navigator)) return;
  var accepted = false;
  function waiting(worker) {
    window.hesUpdate = {
      apply: function () { accepted = true; worker.postMessage({ type: 'skip-waiting' }); }
    };
    window.dispatchEvent(new Event('hes-update-ready'));
  }
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (accepted) location.reload();
  });
  window.addEventListener('load', function () {
    navigator.serviceWorker
      .register(new URL('sw.js', document.baseURI), { scope: document.baseURI })
      .then(function (reg) {
        if (reg.waiting && navigator.serviceWorker.controller) waiting(reg.waiting);
        reg.addEventListener('updatefound', function () {
          var worker = reg.installing;
          if (!worker) return;
          worker.addEventListener('statechange', function () {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) waiting(worker);
          });
        });
      })
      .catch(function (err) { console.warn('service worker not registered:', err); });
  });
})();
