// A small static server for the demo and the test pages (node, no dependencies).
//
//   node scripts/serve.mjs            PORT=8080 by default, on 127.0.0.1
//
// Serves www/ at /, pkg/ at /pkg/, pkg-test/ (the test-hooks build) at /pkg-test/ and
// tests/plans/ at /plans/ (plan files for `src`). `.wasm` goes out as application/wasm.
// Pages of www/ get their server-side includes (`<!--#include virtual="…" -->`, as nginx `ssi
// on` does): the demo pages take the build's head hints and prerendered plan that way.
// Test pages get their own response headers from PAGE_HEADERS (a real CSP header, as a portal
// would send), and a few paths break the widget on purpose (wrong MIME type, missing wasm).
// Compressed as a portal would send it: a `.br` or `.gz` file beside the requested one
// (scripts/build.sh writes them in pkg/) when the request's Accept-Encoding takes it, otherwise
// gzip made on the fly for text and wasm (so `npm run bench` measures the wire, not the disk).
// This is for development and tests; a portal serves the same files from its own web server.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PORT = Number(process.env.PORT || 8080);
const HOST = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** URL prefix → folder. The first match wins. */
const MOUNTS = [
  ['/pkg/', join(ROOT, 'pkg')],
  ['/pkg-test/', join(ROOT, 'pkg-test')],
  ['/plans/', join(ROOT, 'tests', 'plans')],
  ['/', join(ROOT, 'www')],
];

export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data:";
export const CSP_WITHOUT_WASM =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

/** Response headers per page path (the test host pages). */
const PAGE_HEADERS = {
  '/test/strict-csp.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/no-wasm-eval.html': { 'Content-Security-Policy': CSP_WITHOUT_WASM },
  '/test/hostile.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/panic.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/no-wasm.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/two.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/five.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/feedback.html': { 'Content-Security-Policy': STRICT_CSP },
  '/residents.html': { 'Content-Security-Policy': STRICT_CSP },
  '/residents-en.html': { 'Content-Security-Policy': STRICT_CSP },
  '/feedback.html': { 'Content-Security-Policy': STRICT_CSP },
  // The iframe page, as a portal serves it (www/embed.html, "CMS").
  '/frame.html': { 'Content-Security-Policy': STRICT_CSP },
  '/test/iframe.html': { 'Content-Security-Policy': `${STRICT_CSP}; frame-src 'self'` },
  '/studio.html': { 'Content-Security-Policy': STRICT_CSP },
};

/**
 * Broken copies of the package for the failure pages: `/broken/<case>/<file>` serves
 * pkg/<file> (or pkg/plans/<file>), except for the file each case breaks in its own way.
 */
const BROKEN = {
  'wrong-mime': (file, body) => (file.endsWith('.wasm') ? { body, type: 'application/octet-stream' } : null),
  'missing-wasm': (file) => (file.endsWith('.wasm') ? { status: 404 } : null),
  'missing-plans': (file) => (file.startsWith('plans/') ? { status: 404 } : null),
};

function safeJoin(dir, rel) {
  const path = normalize(join(dir, decodeURIComponent(rel)));
  return path === dir || path.startsWith(dir + sep) ? path : null;
}

async function fileFor(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return fileFor(join(path, 'index.html'));
    return path;
  } catch (_) {
    return null;
  }
}

/**
 * `?record-errors` on a page: www/test/record.js goes in front of the page's own scripts, so a
 * test driver without an error log of its own (WebKitWebDriver; scripts/test-engines.mjs) can
 * read the page's uncaught errors in `window.__errors`. The page is otherwise unchanged.
 */
function withRecorder(body, file, url) {
  if (!url.searchParams.has('record-errors') || extname(file) !== '.html') return body;
  return Buffer.from(String(body).replace('<head>', '<head>\n<script src="/test/record.js"></script>'));
}

/**
 * Server-side includes, as a portal's server does them (nginx `ssi on`, Apache mod_include,
 * IIS SSI; www/embed.html, "Server-side include"): in a page of www/, each
 * `<!--#include virtual="/url/path" -->` (or `file="name"`, beside the page) is replaced by
 * that file's bytes. Only this one directive; one level (an included file is not scanned).
 * A file that is not there gives nginx's message for a failed directive.
 */
const INCLUDE = /<!--#\s*include\s+(virtual|file)="([^"]*)"\s*-->/g;

async function withIncludes(body, file) {
  if (extname(file) !== '.html' || !String(body).includes('<!--#')) return body;
  const text = String(body);
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(INCLUDE)) {
    const [whole, kind, target] = m;
    const path = kind === 'file' ? safeJoin(dirname(file), target) : await mounted(target.split('?')[0]);
    const bytes = path && (await readFile(path).catch(() => null));
    parts.push(text.slice(last, m.index), bytes ? String(bytes) : '[an error occurred while processing the directive]');
    last = m.index + whole.length;
  }
  parts.push(text.slice(last));
  return Buffer.from(parts.join(''));
}

/** The file a URL path names (through MOUNTS), or null. */
async function mounted(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const path = safeJoin(dir, pathname.slice(prefix.length));
    return path && (await fileFor(path));
  }
  return null;
}

/** Types worth compressing (the rest, images, are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.ts', '.ico']);

/** The encodings a request accepts (`br`, `gzip`), from its Accept-Encoding header. */
export function acceptedEncodings(header) {
  const accepted = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name === 'br' || name === 'gzip' || name === 'x-gzip') accepted.add(name === 'x-gzip' ? 'gzip' : name);
  }
  return accepted;
}

const gzipCache = new Map(); // path → { mtimeMs, size, gz }

/**
 * The body to send for `found` and its Content-Encoding: the precompressed sibling the client
 * accepts (`.br` first, then `.gz`), or gzip made here (cached per file version), or the body
 * as it is. `changed`: the body is not the file's bytes (a page with the error recorder), so no
 * sibling applies.
 */
async function encode(req, found, body, changed) {
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  if (!COMPRESSIBLE.has(extname(found)) || body.length < 1024) return { body };
  if (!changed) {
    for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!accepted.has(enc)) continue;
      const sibling = await readFile(found + ext).catch(() => null);
      if (sibling) return { body: sibling, encoding: enc };
    }
  }
  if (!accepted.has('gzip')) return { body };
  if (changed) return { body: gzipSync(body), encoding: 'gzip' };
  const s = await stat(found);
  const hit = gzipCache.get(found);
  if (hit && hit.mtimeMs === s.mtimeMs && hit.size === s.size) return { body: hit.gz, encoding: 'gzip' };
  const gz = gzipSync(body);
  gzipCache.set(found, { mtimeMs: s.mtimeMs, size: s.size, gz });
  return { body: gz, encoding: 'gzip' };
}

function send(res, status, headers, body) {
  res.writeHead(status, {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${HOST}`);
  const pathname = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, { 'Content-Type': 'text/plain' }, 'method not allowed\n');
  }

  const broken = pathname.match(/^\/broken\/([a-z-]+)\/((?:plans\/)?[^/]+)$/);
  if (broken && BROKEN[broken[1]]) {
    const [, kind, file] = broken;
    const path = safeJoin(join(ROOT, 'pkg'), file);
    const found = path && (await fileFor(path));
    if (!found) return send(res, 404, { 'Content-Type': 'text/plain' }, 'not found\n');
    const body = await readFile(found);
    const over = BROKEN[kind](file, body);
    if (over && over.status) return send(res, over.status, { 'Content-Type': 'text/plain' }, 'not found\n');
    const type = (over && over.type) || TYPES[extname(found)] || 'application/octet-stream';
    return send(res, 200, { 'Content-Type': type }, req.method === 'HEAD' ? undefined : (over && over.body) || body);
  }

  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const path = safeJoin(dir, pathname.slice(prefix.length));
    const found = path && (await fileFor(path));
    if (!found) break;
    const raw = await readFile(found);
    const page = withRecorder(dir === MOUNTS[MOUNTS.length - 1][1] ? await withIncludes(raw, found) : raw, found, url);
    const { body, encoding } = await encode(req, found, page, page !== raw);
    const headers = { 'Content-Type': TYPES[extname(found)] || 'application/octet-stream', Vary: 'Accept-Encoding' };
    if (encoding) headers['Content-Encoding'] = encoding;
    Object.assign(headers, PAGE_HEADERS[pathname] || {});
    return send(res, 200, headers, req.method === 'HEAD' ? undefined : body);
  }
  return send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, `not found: ${pathname}\n`);
}

export function start(port = PORT) {
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { 'Content-Type': 'text/plain' }, `${e}\n`));
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolveStart(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  start()
    .then((server) => {
      const { port } = server.address();
      console.log(`plan-widget: serving www/ and pkg/ at http://${HOST}:${port}/`);
    })
    .catch((e) => {
      console.error(`serve.mjs: cannot listen on ${HOST}:${PORT}: ${e.message}`);
      process.exit(1);
    });
}
