// Runs before the app. The release build inlines it into index.html (scripts/post-build.mjs:
// it blocks the first paint, and a file would cost a round trip first); the
// Content-Security-Policy allows it by its hash, as it does Trunk's loader.
// 1. The static first screen speaks the user's language (the one the app will use): <html lang>
//    is set before the first paint, and the stylesheet shows that language's texts.
// 2. Offline and install: what the app may show (an offline indicator, an Install button, the
//    iPhone's steps) as classes on <html>, and the manifest of the language.
// 3. The service worker: registered for offline use; when a new version has installed and is
//    waiting, the app is told ("hes-update-ready") and shows it; the page reloads only when the
//    user agrees (window.hesUpdate.apply()).
// 3. A wasm trap, or the full app framed by another site: fault.js (issue 16).
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
  var root = document.documentElement;
  root.lang = lang();

  // 2. Offline and install (issue 20 item 16, decision 117): classes on <html> say what the
  //    app's markup may show, and the stylesheet shows it. "offline" while the browser is;
  //    "can-install" once the browser offers to install the app (its beforeinstallprompt, kept
  //    for the app's Install button: window.hesInstall.prompt()); "ios-install" on an iPhone or
  //    iPad outside the installed app (no such event there: the app gives the steps instead).
  function network() { root.classList.toggle('offline', navigator.onLine === false); }
  window.addEventListener('online', network);
  window.addEventListener('offline', network);
  network();
  function installed() { window.hesInstall = null; root.classList.remove('can-install'); }
  window.addEventListener('beforeinstallprompt', function (event) {
    event.preventDefault();
    window.hesInstall = {
      prompt: function () {
        installed(); // an event prompts once; the browser sends another if it may ask again
        var asked = event.prompt();
        if (asked && asked.catch) asked.catch(function () {});
      }
    };
    root.classList.add('can-install');
  });
  window.addEventListener('appinstalled', installed);
  var ios = /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  if (ios && !navigator.standalone) root.classList.add('ios-install');
  // The manifest (the installed app's name and description) is the one of <html lang>, which
  // the app keeps in step with its language.
  var manifest = document.querySelector('link[rel="manifest"]');
  function localise() {
    if (manifest) manifest.setAttribute('href', root.lang === 'fr' || root.lang === 'it' ? 'manifest.' + root.lang + '.webmanifest' : 'manifest.webmanifest');
  }
  localise();
  if (window.MutationObserver) new MutationObserver(localise).observe(root, { attributes: true, attributeFilter: ['lang'] });

  function fault(kind) {
    if (window.hesFault) return;
    window.hesFault = kind;
    var s = document.createElement('script');
    s.src = new URL('fault.js', document.baseURI).href;
    document.head.appendChild(s);
  }
  function trap(e) { if (self.WebAssembly && e instanceof WebAssembly.RuntimeError) fault('stopped'); }
  addEventListener('error', function (ev) { trap(ev.error); });
  addEventListener('unhandledrejection', function (ev) { trap(ev.reason); });
  var framed;
  try { framed = top !== self && top.location.origin !== location.origin; } catch (e) { framed = true; }
  if (framed && !/^embed\//.test(location.pathname.slice(new URL(document.baseURI).pathname.length)) && !/[?&]embed=1(&|$)/.test(location.search)) fault('framed');

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
