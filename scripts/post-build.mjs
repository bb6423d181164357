#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): finishes dist/ in Trunk's staging directory.
//
// Every profile:
//   - index.html gets its Content-Security-Policy <meta>: no 'unsafe-inline', no 'unsafe-eval';
//     Trunk's inline loader script is allowed by its SHA-256 hash, and 'wasm-unsafe-eval' lets
//     the browser compile the wasm.
//   - the wasm is fetched once the static first screen is painted, not preloaded from <head>:
//     Trunk's <link rel=preload> of the wasm starts its download before the first paint, where
//     it competes with the render-blocking stylesheet on a slow link (Lighthouse counted it
//     in the LCP). The loader fetches it after the first frame, with the same SRI hash.
//   - sw.js gets its build id and the list of the build's files to precache (a new build is a
//     new service worker, whose cache replaces the old one's); a debug build gets 'dev'.
// Release only (`trunk build --release`):
//   - code splitting: the release build compiles with `--cfg hes_split` (the screens of
//     src/ui/routes.rs are Leptos `#[lazy]` functions) and `--emit-relocs`. Trunk 0.21 runs
//     wasm-bindgen on the whole wasm and has no step between cargo and wasm-bindgen, so this hook
//     redoes the wasm part from cargo's output: wasm-split-cli cuts it into the main module and
//     the split modules (with the modules of code two of them share), wasm-bindgen
//     (--keep-lld-exports, so the split modules find the main module's functions) replaces
//     Trunk's glue and wasm, and every module gets wasm-opt -Oz. The split modules and the
//     loader (__wasm_split.js) get content-hashed names and the loader fetches each module with
//     its Subresource Integrity hash.
//   - wasm: the exports nobody calls are dropped. Leptos always enables server_fn's browser
//     support, which exports wasm-streams' IntoUnderlying* classes; a client-only app never
//     uses them, but an export can never be removed by wasm-opt. Their entries are cut from the
//     export section, then wasm-opt -Oz runs again and removes what only they reached.
//     (binaryen's wasm-metadce does the same in one step, but it reorders the code: measured,
//     -5 KB raw but +11 KB gzip. Cutting the entries keeps the order: -1.1 KB gzip.)
//   - the wasm-bindgen JS glue is minified with terser (Trunk 0.21's own minifier fails on
//     wasm-bindgen's `export default`), without those classes.
//   - the Subresource Integrity hashes of the changed files are recomputed.
//   - the stylesheet and boot.js are inlined into index.html (allowed by their CSP hashes).
//   - every text asset gets precompressed .gz and .br files beside it, for hosts that serve them.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join, extname, relative, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { minify } from 'terser';

const STAGING = process.env.TRUNK_STAGING_DIR;
const RELEASE = process.env.TRUNK_PROFILE === 'release';
if (!STAGING) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}

// The wasm features wasm-opt may use: the same list index.html gives Trunk's own wasm-opt run.
const WASM_FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];
// wasm-streams' classes: exported by the wasm, wrapped by the JS glue, never used by this app.
const UNUSED_EXPORT = /^(__wbg_)?intounderlying/i;
const UNUSED_CLASS = /^IntoUnderlying/;

const htmlPath = join(STAGING, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const files = readdirSync(STAGING);
const wasmFile = files.find((f) => f.endsWith('_bg.wasm'));
const jsFile = wasmFile && files.find((f) => f === wasmFile.replace(/_bg\.wasm$/, '.js'));

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
/** A CSP source for an inline script or style. */
const cspHash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
// terser, for the JS glue and the split loader (ES modules).
const TERSER = { module: true, ecma: 2020, compress: { passes: 2, pure_new: true }, mangle: true, format: { comments: false } };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Rewrites the integrity attribute of every tag that references `file` (Trunk's minified
 * HTML may leave attribute values unquoted). */
function replaceIntegrity(file, bytes) {
  let found = 0;
  html = html.replace(/<(link|script)\b[^>]*>/g, (tag) => {
    if (!tag.includes(file) || !/integrity=/.test(tag)) return tag;
    found++;
    return tag.replace(/integrity=("[^"]*"|'[^']*'|[^\s>]+)/, `integrity="${sri(bytes)}"`);
  });
  if (found === 0) throw new Error(`post-build: no integrity attribute references ${file}`);
}

/** Reads a LEB128 unsigned integer at `pos`: [value, next position]. */
function leb(bytes, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[pos++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, pos];
}

function encodeLeb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** The wasm without the export entries whose names match `unused` (every other byte kept). */
function dropExports(bytes, unused) {
  const parts = [bytes.subarray(0, 8)];
  let pos = 8;
  let dropped = 0;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const end = start + size;
    if (id === 7) {
      let [count, p] = leb(bytes, start);
      const kept = [];
      for (let i = 0; i < count; i++) {
        const [length, nameStart] = leb(bytes, p);
        const name = bytes.subarray(nameStart, nameStart + length).toString('utf8');
        const [, next] = leb(bytes, nameStart + length + 1);
        if (unused.test(name)) dropped++;
        else kept.push(bytes.subarray(p, next));
        p = next;
      }
      const body = Buffer.concat([encodeLeb(kept.length), ...kept]);
      parts.push(Buffer.from([7]), encodeLeb(body.length), body);
    } else {
      parts.push(bytes.subarray(pos, end));
    }
    pos = end;
  }
  return [Buffer.concat(parts), dropped];
}

function pruneWasm(path) {
  const bytes = readFileSync(path);
  const [pruned, dropped] = dropExports(bytes, UNUSED_EXPORT);
  const dir = mkdtempSync(join(tmpdir(), 'hes-post-build-'));
  try {
    const input = join(dir, 'pruned.wasm');
    writeFileSync(input, pruned);
    execFileSync('wasm-opt', ['-Oz', '--low-memory-unused', ...WASM_FEATURES, input, '-o', path], { stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const after = readFileSync(path);
  console.log(`post-build: ${wasmFile} ${kb(bytes.length)} -> ${kb(after.length)} (${dropped} unused exports removed)`);
  return after;
}

/** cargo's wasm (linked with --emit-relocs), split, bound and optimized into STAGING in place
 * of Trunk's whole-program wasm and glue. */
async function splitWasm() {
  const target = process.env.CARGO_TARGET_DIR;
  if (!target) throw new Error('post-build: CARGO_TARGET_DIR is not set (scripts/setup.sh, hes_release_env)');
  const input = join(target, 'wasm32-unknown-unknown', 'release', 'hosted_exchange_sim.wasm');
  const stem = jsFile.replace(/\.js$/, '');
  const dir = mkdtempSync(join(tmpdir(), 'hes-split-'));
  try {
    execFileSync('wasm-split-cli', [input, dir, '--out-name', stem], { stdio: 'inherit' });
    const bound = join(dir, 'bound');
    execFileSync('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
      '--out-dir', bound, '--out-name', stem, join(dir, `${stem}.wasm`)], { stdio: 'inherit' });
    // The main module: pruned and optimized like any release wasm (pruneWasm, below).
    writeFileSync(join(STAGING, wasmFile), readFileSync(join(bound, `${stem}_bg.wasm`)));
    let glue = readFileSync(join(bound, `${stem}.js`), 'utf8');
    // The split modules: optimized, then named after their content.
    let loader = readFileSync(join(dir, '__wasm_split.js'), 'utf8');
    const modules = readdirSync(dir).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
    for (const name of modules) {
      const out = join(dir, `opt-${name}`);
      // (The split modules keep a name subsection wasm-opt does not know and warns about once
      // per module; it drops it. Other messages are shown.)
      const opt = spawnSync('wasm-opt', ['-Oz', ...WASM_FEATURES, join(dir, name), '-o', out], { stdio: ['ignore', 'inherit', 'pipe'] });
      const other = String(opt.stderr ?? '').split('\n').filter((l) => l.trim() && !/^warning: unknown name subsection/.test(l));
      if (other.length) console.error(other.join('\n'));
      if (opt.status !== 0) throw new Error(`post-build: wasm-opt failed on ${name}`);
      const bytes = readFileSync(out);
      const hashed = `${name.replace(/\.wasm$/, '').replace(/_\d{8,}$/, '')}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`;
      writeFileSync(join(STAGING, hashed), bytes);
      const ref = `fetch(new URL("./${name}", import.meta.url))`;
      if (!loader.includes(ref)) throw new Error(`post-build: the split loader does not fetch ${name} as expected`);
      loader = loader.replace(ref, `fetch(new URL("./${hashed}", import.meta.url), { integrity: ${JSON.stringify(sri(bytes))} })`);
    }
    const minified = await minify(loader, TERSER);
    if (!minified.code) throw new Error('post-build: terser produced nothing for __wasm_split.js');
    const loaderName = `__wasm_split-${createHash('sha256').update(minified.code).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(STAGING, loaderName), minified.code);
    // (Only the module's address: the key of the wasm's imports keeps its name.)
    if (!glue.includes('from "./__wasm_split.js"')) throw new Error('post-build: the glue does not import __wasm_split.js');
    glue = glue.replaceAll('from "./__wasm_split.js"', `from ${JSON.stringify(`./${loaderName}`)}`);
    writeFileSync(join(STAGING, jsFile), glue);
    console.log(`post-build: wasm split into the main module and ${modules.length} modules loaded on first use (${loaderName})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function minifyGlue(path) {
  const source = readFileSync(path, 'utf8');
  // Unexported, the unused classes are dead code terser drops with what only they use.
  const unexported = source.replace(/export class (\w+)/g, (m, name) => (UNUSED_CLASS.test(name) ? `class ${name}` : m));
  const result = await minify(unexported, TERSER);
  if (!result.code) throw new Error(`terser produced nothing for ${path}`);
  writeFileSync(path, result.code);
  console.log(`post-build: ${jsFile} ${kb(source.length)} -> ${kb(result.code.length)} (minified)`);
  return Buffer.from(result.code);
}

function loadWasmAfterFirstPaint() {
  const tags = (html.match(/<link\b[^>]*>/g) ?? []).filter((t) => /\bpreload\b/.test(t) && t.includes(wasmFile));
  if (tags.length !== 1) throw new Error(`post-build: expected one preload of ${wasmFile}, found ${tags.length}`);
  const integrity = tags[0].match(/integrity=("([^"]*)"|'([^']*)'|([^\s>]+))/);
  if (!integrity) throw new Error(`post-build: the preload of ${wasmFile} has no integrity`);
  const sriValue = integrity[2] ?? integrity[3] ?? integrity[4];
  html = html.replace(tags[0], '');
  const loader = /module_or_path:\s*(['"])([^'"]*_bg\.wasm)\1/;
  const found = html.match(loader);
  if (!found) throw new Error('post-build: Trunk\'s loader does not name the wasm as expected');
  const path = found[2];
  html = html.replace(
    loader,
    // After the first paint, or after 200 ms in a page that paints nothing: a frame that is not
    // rendered yet (embed.js keeps a frame out of sight until it has a height) gets no animation
    // frame at all, and would never start.
    `module_or_path: new Promise((r) => { requestAnimationFrame(() => setTimeout(r)); setTimeout(r, 200); }).then(() => fetch(${JSON.stringify(path)}, { integrity: ${JSON.stringify(sriValue)} }))`,
  );
}

/** The stylesheet and boot.js inlined into index.html (release only; `trunk serve` keeps the
 * files, so that it can reload the stylesheet alone). Both block the first paint, and as files
 * each cost a round trip before it (Lighthouse: "render-blocking resources", about 280 ms under
 * its mobile throttling); together they are 4 KB gzip. The CSP allows them by their hashes. */
function inlineFirstPaintAssets() {
  const links = (html.match(/<link\b[^>]*>/g) ?? []).filter((t) => /\brel=("?)stylesheet\1/.test(t));
  if (links.length !== 1) throw new Error(`post-build: expected one stylesheet link, found ${links.length}`);
  const href = links[0].match(/href=("([^"]*)"|'([^']*)'|([^\s>]+))/);
  const cssName = (href[2] ?? href[3] ?? href[4]).split('/').pop();
  const css = readFileSync(join(STAGING, cssName), 'utf8');
  if (css.includes('</style')) throw new Error('post-build: the stylesheet cannot be inlined');
  html = html.replace(links[0], () => `<style>${css}</style>`);
  rmSync(join(STAGING, cssName));
  const boot = html.match(/<script\s+src=("?)boot\.js\1\s*><\/script>/);
  if (!boot) throw new Error('post-build: no <script src=boot.js> to inline');
  const bootJs = readFileSync(join(STAGING, 'boot.js'), 'utf8');
  if (bootJs.includes('</script')) throw new Error('post-build: boot.js cannot be inlined');
  html = html.replace(boot[0], () => `<script>${bootJs}</script>`);
  rmSync(join(STAGING, 'boot.js'));
  console.log(`post-build: ${cssName} and boot.js inlined into index.html`);
}

function addContentSecurityPolicy() {
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => m[1].trim() !== '')
    .map((m) => cspHash(m[1]));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => cspHash(m[1]));
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    `style-src 'self' ${styles.join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  // (Trunk's HTML minifier may have dropped the quotes.)
  html = html.replace(/(<meta charset=["']?utf-8["']?\s*\/?>)/i, `$1${meta}`);
  if (!html.includes(meta)) throw new Error('post-build: no <meta charset> to put the CSP after');
}

/** Every file of the build, relative to it (the precompressed copies and sw.js left out). */
function buildFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...buildFiles(path));
    else if (!/\.(gz|br)$/.test(name)) out.push(relative(STAGING, path).split(sep).join('/'));
  }
  // _headers is the host's configuration (Cloudflare Pages does not serve it): not precached.
  return out.filter((f) => f !== 'sw.js' && f !== '_headers').sort();
}

function writeServiceWorker() {
  const path = join(STAGING, 'sw.js');
  const files = buildFiles(STAGING);
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(STAGING, f)));
  const build = RELEASE ? hash.digest('hex').slice(0, 16) : 'dev';
  const source = readFileSync(path, 'utf8')
    .replace("'__HES_BUILD__'", JSON.stringify(build))
    .replace("['__HES_PRECACHE__']", JSON.stringify(files));
  writeFileSync(path, source);
  console.log(`post-build: sw.js build ${build}, ${files.length} files to precache`);
}

function precompress(dir) {
  let gz = 0;
  let br = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const [g, b] = precompress(path);
      gz += g;
      br += b;
      continue;
    }
    if (!['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.webmanifest', '.txt'].includes(extname(name))) continue;
    const bytes = readFileSync(path);
    const g = gzipSync(bytes, { level: 9 });
    const b = brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    writeFileSync(`${path}.gz`, g);
    writeFileSync(`${path}.br`, b);
    gz += g.length;
    br += b.length;
  }
  return [gz, br];
}

if (RELEASE && wasmFile && jsFile) {
  await splitWasm();
  replaceIntegrity(wasmFile, pruneWasm(join(STAGING, wasmFile)));
  replaceIntegrity(jsFile, await minifyGlue(join(STAGING, jsFile)));
}
if (wasmFile) loadWasmAfterFirstPaint();
if (RELEASE) inlineFirstPaintAssets();
addContentSecurityPolicy();
writeFileSync(htmlPath, html);
writeServiceWorker();
if (RELEASE) {
  const [gz, br] = precompress(STAGING);
  console.log(`post-build: precompressed .gz and .br written (${kb(gz)} gzip, ${kb(br)} brotli in all)`);
}
