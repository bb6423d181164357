// The static server used by the e2e tests (tests/e2e/server.mjs), on a fixture.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startServer } from './server.mjs';

const PACKED = 'body { color: black }\n'.repeat(50);

/** A raw GET (no automatic decoding): status, headers and body bytes. */
const raw = (url, headers) =>
  new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });

describe('static server', () => {
  let dir;
  let server;
  let sub;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hes-server-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>index</title>');
    await writeFile(join(dir, 'app-0123456789abcdef_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await writeFile(join(dir, 'app-0123456789abcdef.js'), 'export default 1;');
    await writeFile(join(dir, 'main-0123456789abcdef.css'), 'body{}');
    await writeFile(join(dir, 'manifest.webmanifest'), '{}');
    await writeFile(join(dir, 'packed.css'), PACKED);
    await writeFile(join(dir, 'packed.css.gz'), gzipSync(PACKED));
    await writeFile(join(dir, 'packed.css.br'), brotliCompressSync(PACKED));
    await mkdir(join(dir, 'icons'));
    await writeFile(join(dir, 'icons', 'icon-192.png'), 'png');
    server = await startServer({ root: dir });
    sub = await startServer({ root: dir, base: '/simulator/' });
  });
  after(async () => {
    await server?.close();
    await sub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (base, path, init) => fetch(new URL(path, base), init);

  test('serves files with their MIME types', async () => {
    const cases = {
      '': 'text/html; charset=utf-8',
      'index.html': 'text/html; charset=utf-8',
      'app-0123456789abcdef_bg.wasm': 'application/wasm',
      'app-0123456789abcdef.js': 'text/javascript; charset=utf-8',
      'main-0123456789abcdef.css': 'text/css; charset=utf-8',
      'manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      'icons/icon-192.png': 'image/png',
    };
    for (const [path, type] of Object.entries(cases)) {
      const res = await get(server.url, path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      await res.arrayBuffer();
    }
    const wasm = await get(server.url, 'app-0123456789abcdef_bg.wasm');
    assert.match(wasm.headers.get('cache-control'), /immutable/);
    assert.equal(Buffer.from(await wasm.arrayBuffer()).length, 8);
  });

  test('deep links without an extension fall back to index.html', async () => {
    for (const path of ['login', 'billing/ovh-account', 'exchange/billing-mode', 'journal?x=1']) {
      const res = await get(server.url, path);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), '<!doctype html><title>index</title>', path);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
  });

  test('missing files with an extension are 404, traversal is refused', async () => {
    assert.equal((await get(server.url, 'missing.js')).status, 404);
    assert.equal((await get(server.url, 'billing/missing.wasm')).status, 404);
    const traversal = await get(server.url, '..%2f..%2fetc%2fpasswd');
    assert.ok([403, 404].includes(traversal.status), String(traversal.status));
    assert.equal((await get(server.url, '', { method: 'POST' })).status, 405);
    const head = await get(server.url, 'index.html', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('a sub-path deployment serves only under its base', async () => {
    assert.equal(sub.url.endsWith('/simulator/'), true);
    assert.equal((await get(sub.url, 'billing/ovh-account')).status, 200);
    assert.equal((await get(sub.url, 'app-0123456789abcdef_bg.wasm')).headers.get('content-type'), 'application/wasm');
    const origin = new URL(sub.url).origin;
    assert.equal((await fetch(`${origin}/login`)).status, 404);
    const redirect = await fetch(`${origin}/simulator`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
  });

  test('a precompressed sibling is sent when the browser accepts it (brotli first, then gzip)', async () => {
    const url = new URL('packed.css', server.url);
    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.equal(brotliDecompressSync(br.body).toString(), PACKED);
    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), PACKED);
    const plain = await raw(url, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), PACKED);
    assert.equal(plain.headers['content-type'], 'text/css; charset=utf-8', 'the type of the file, not of its packing');
  });
});
