// The precompressed copies in pkg/ (scripts/precompress.mjs, run by scripts/build.sh): every
// .gz and .br decompresses to its original byte for byte, every wasm and script has both, and
// the development server sends them as a portal configured by www/embed.html would (the copy
// the request accepts, the original's Content-Type, Content-Encoding, Vary).
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSIBLE, originals } from '../../scripts/precompress.mjs';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const UNPACK = { '.gz': gunzipSync, '.br': brotliDecompressSync };

test('every .gz and .br in pkg/ decompresses to its original', () => {
  const files = originals(PKG);
  let copies = 0;
  for (const rel of files) {
    const body = readFileSync(join(PKG, rel));
    for (const [suffix, unpack] of Object.entries(UNPACK)) {
      const path = join(PKG, rel + suffix);
      if (!existsSync(path)) continue;
      copies++;
      const packed = readFileSync(path);
      expect(packed.length, `${rel}${suffix} is smaller`).toBeLessThan(body.length);
      expect(unpack(packed).equals(body), `${rel}${suffix} decompresses to ${rel}`).toBe(true);
    }
  }
  // The files a page loads first all have both copies (not the head hints, plans/*.head.html:
  // a server-side include puts them in the page; the inline ones do not shrink).
  const loaded = (f) => /\.(wasm|js|css)$/.test(f) || (f.startsWith('plans/') && !f.endsWith('.head.html'));
  for (const rel of files.filter(loaded)) {
    expect(COMPRESSIBLE.has(rel.slice(rel.lastIndexOf('.'))), rel).toBe(true);
    expect(existsSync(join(PKG, `${rel}.gz`)), `${rel}.gz`).toBe(true);
    expect(existsSync(join(PKG, `${rel}.br`)), `${rel}.br`).toBe(true);
  }
  expect(copies).toBeGreaterThan(10);
});

/** GET `path` with an Accept-Encoding; resolves with status, headers and the raw body. */
function get(baseURL, path, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseURL), { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const [accept, encoding, suffix] of [['gzip, deflate, br', 'br', '.br'], ['gzip, deflate', 'gzip', '.gz'], ['identity', undefined, '']]) {
  test(`the server sends the wasm as ${encoding || 'it is'} for Accept-Encoding: ${accept}`, async ({ baseURL }) => {
    const r = await get(baseURL, '/pkg/plan-widget-wasm_bg.wasm', accept);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/wasm');
    expect(r.headers['content-encoding']).toBe(encoding);
    expect(r.headers.vary).toMatch(/Accept-Encoding/);
    expect(r.body.equals(readFileSync(join(PKG, `plan-widget-wasm_bg.wasm${suffix}`)))).toBe(true);
  });
}
