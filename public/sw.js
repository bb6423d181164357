// Offline-first service worker for the Hosted Exchange renewal simulator.
// Registered from index.html with the scope of Trunk's public_url, so every
// URL here is resolved against self.registration.scope.
//
// - install: precache "./", index.html and every asset index.html references
//   (Trunk's hashed .js/.wasm/.css, icons, manifest), so a second visit works
//   offline even though the first load was not controlled by this worker.
// - hashed assets (.wasm/.js/.css): cache first (their names change with content).
// - navigations: network first, falling back to the cached index.html
//   (single-page app: every deep link is served by index.html).
// - other same-origin GETs: network first, falling back to the cache.
'use strict';

const CACHE_VERSION = 1;
const CACHE = `hes-v${CACHE_VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX_URL = new URL('index.html', scope).href;
const ROOT_URL = scope.href;
const HASHED = /\.(?:wasm|js|css)$/;

function assetsReferencedBy(html) {
  const urls = new Set();
  const re = /["']([^"'\s<>]+\.(?:js|wasm|css|png|svg|webmanifest))["']/g;
  let m;
  while ((m = re.exec(html)) !== null) {
    const url = new URL(m[1], scope);
    if (url.origin === scope.origin) urls.add(url.href);
  }
  return [...urls];
}

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(INDEX_URL, { cache: 'reload' });
  if (!response.ok) throw new Error(`precache: ${INDEX_URL} answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put(INDEX_URL, response.clone());
  await cache.put(ROOT_URL, response);
  await cache.addAll(assetsReferencedBy(html).filter((u) => u !== self.location.href));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('hes-v') && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirstNavigation(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(INDEX_URL, response.clone());
    }
    return response;
  } catch (err) {
    const cached = (await caches.match(INDEX_URL)) || (await caches.match(ROOT_URL));
    if (cached) return cached;
    throw err;
  }
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstNavigation(request));
  } else if (HASHED.test(url.pathname) && url.pathname !== new URL(self.location.href).pathname) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});
