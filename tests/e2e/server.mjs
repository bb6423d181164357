// Minimal static server for dist/ with single-page-app fallback.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: 'dist' });   // 127.0.0.1, free port
//   ... server.url ...                                      // "http://127.0.0.1:PORT/"
//   await server.close();
//
// CLI (manual checks of a release build):
//   node tests/e2e/server.mjs [--root dist] [--port 8081] [--base /simulator/]
//
// Paths without a file extension that match no file are deep links and get
// index.html (like nginx `try_files $uri $uri/ /index.html`); a missing file
// with an extension is a real 404. Like nginx's gzip_static/brotli_static, a
// precompressed sibling (`file.br`, `file.gz`, written by the release build) is
// sent when the browser accepts its encoding.
//
// Framing (issue 16): like public/_headers, every response carries
// `Content-Security-Policy: frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`, except
// under `<base>embed/` (the embeds, which any site may frame) and `embed.js`. `frameHeaders:
// false` serves without them (a host that forgot them: the e2e suite checks what the app does
// then).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

async function fileAt(path) {
  try {
    const s = await stat(path);
    if (s.isFile()) return { path, size: s.size };
    if (s.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    /* missing */
  }
  return null;
}

function cacheControl(path) {
  // Trunk's hashed names never change content; everything else revalidates.
  return /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/** The headers that refuse framing by another origin (public/_headers says the same). */
export const FRAME_HEADERS = {
  'content-security-policy': "frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
};

/** Whether a path (relative to the base) may be framed by any site: the embeds and embed.js. */
export function frameable(rel) {
  return rel.startsWith('embed/') || rel === 'embed.js';
}

/**
 * Starts the server. Resolves once it listens.
 * @param {{ root?: string, host?: string, port?: number, base?: string, log?: boolean, frameHeaders?: boolean }} options
 */
export async function startServer({ root = 'dist', host = '127.0.0.1', port = 0, base = '/', log = false, frameHeaders = true } = {}) {
  const rootDir = resolve(root);
  if (!base.startsWith('/')) base = `/${base}`;
  if (!base.endsWith('/')) base = `${base}/`;

  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { allow: 'GET, HEAD', 'content-type': MIME['.txt'] }, 'method not allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, { 'content-type': MIME['.txt'] }, 'bad request\n');
    }
    if (pathname === base.slice(0, -1)) {
      return send(301, { location: base }, '');
    }
    if (!pathname.startsWith(base)) {
      return send(404, { 'content-type': MIME['.txt'] }, 'not found\n');
    }
    const rel = pathname.slice(base.length);
    const target = resolve(rootDir, `.${sep}${rel}`);
    if (target !== rootDir && !target.startsWith(rootDir + sep)) {
      return send(403, { 'content-type': MIME['.txt'] }, 'forbidden\n');
    }
    let file = await fileAt(target);
    if (!file && extname(rel) === '') file = await fileAt(join(rootDir, 'index.html'));
    if (!file) return send(404, { 'content-type': MIME['.txt'] }, 'not found\n');

    const headers = {
      'content-type': MIME[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': file.size,
      'cache-control': cacheControl(file.path),
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(frameHeaders && !frameable(rel) ? FRAME_HEADERS : {}),
    };
    const accepted = String(req.headers['accept-encoding'] ?? '');
    let body = file.path;
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
      const packed = await fileAt(file.path + ext);
      if (packed) {
        body = packed.path;
        headers['content-encoding'] = encoding;
        headers['content-length'] = packed.size;
        break;
      }
    }
    res.writeHead(200, headers);
    if (log) console.log(`200 ${req.method} ${req.url} -> ${body.slice(rootDir.length) || '/'}`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(body).pipe(res);
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://${host}:${actual}${base}`,
    port: actual,
    root: rootDir,
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const server = await startServer({
    root: opt('root', 'dist'),
    port: Number(opt('port', 8081)),
    base: opt('base', '/'),
    log: true,
  });
  console.log(`serving ${server.root} on ${server.url} (Ctrl+C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
