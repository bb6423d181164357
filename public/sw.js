// Offline-first service worker for the Hosted Exchange renewal simulator.
// Registered by boot.js with the scope of Trunk's public_url, so every URL here is resolved
// against self.registration.scope.
//
// Each build has its own cache, `hes-<BUILD>`; scripts/post-build.mjs writes BUILD (a hash of the
// build's files) and PRECACHE (every file of the build) below, so a new build is a new worker.
// - install: precache the whole build (the app shell, the wasm, every language's texts), so the
//   app works offline from the first visit on. The new worker then waits.
// - the page tells the user a new version is ready; when they agree it posts 'skip-waiting'.
// - activate: every other `hes-*` cache (older builds' hashed assets) is deleted.
// - navigations: the cached app shell first (the version the user runs until they agree to the
//   update), the network when it is not cached; other files: cache first, then the network.
// A development build (`trunk serve`) has BUILD 'dev': nothing is cached, everything passes.
'use strict';

const BUILD = '__HES_BUILD__';
const PRECACHE = ['__HES_PRECACHE__'];
const CACHE = `hes-${BUILD}`;
const DEV = BUILD === 'dev' || BUILD.startsWith('__');
const scope = new URL(self.registration.scope);
const INDEX_URL = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  if (DEV) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = PRECACHE.map((path) => new URL(path, scope).href);
      await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
      const index = await cache.match(INDEX_URL);
      if (index) await cache.put(scope.href, index.clone());
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('hes-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request, options) {
  const cache = await caches.open(CACHE);
  return cache.match(request, options);
}

async function cacheFirst(request) {
  // The texts are fetched with ?v=<version>; the build's copy is the one to use.
  const url = new URL(request.url);
  const texts = /\/(i18n|guide)\/[a-z]+(\.core)?\.json$/.test(url.pathname);
  const cached = await fromCache(request, { ignoreSearch: texts, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function appShell(request) {
  const cached = (await fromCache(INDEX_URL)) || (await fromCache(scope.href));
  if (!cached) return fetch(request);
  // An embed may be framed by any site (README, "Data and security"), but the shell was cached
  // from a path whose response forbids framing (frame-ancestors, X-Frame-Options): served as
  // it is, every embed after the first would be refused in its host's frame.
  if (request.url.startsWith(new URL('embed/', scope).href)) {
    const headers = new Headers(cached.headers);
    headers.delete('x-frame-options');
    const csp = (headers.get('content-security-policy') || '').split(';').filter((d) => d.trim() && !/^\s*frame-ancestors\b/i.test(d));
    if (csp.length) headers.set('content-security-policy', csp.join(';'));
    else headers.delete('content-security-policy');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
  return cached;
}

self.addEventListener('fetch', (event) => {
  if (DEV) return;
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  if (request.mode === 'navigate') {
    // A page of its own (the embed example) is served as it is; every other path is the app.
    if (/\.html$/.test(url.pathname) && url.href !== INDEX_URL) {
      event.respondWith(cacheFirst(request));
    } else {
      event.respondWith(appShell(request));
    }
  } else if (url.pathname !== new URL(self.location.href).pathname) {
    event.respondWith(cacheFirst(request));
  }
});
