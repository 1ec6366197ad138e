// Writes <file>.gz (gzip -9) and <file>.br (brotli, quality 11) beside every file of a package
// folder that compression makes smaller, for servers that send precompressed files as they are
// (www/embed.html, "Compression"). gzip: the system's `gzip -9 -n` when there is one (GNU
// gzip's deflate is ~1.5% smaller than zlib's on the wasm), else node's zlib; brotli: node's zlib.
//
//   node scripts/precompress.mjs pkg        (scripts/build.sh runs it)
//
// `precompressed(dir)` lists what is there; tests/e2e/precompressed.spec.mjs checks that every
// copy decompresses to its original.
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Types that compress (text and wasm); images and the like are compressed already. */
export const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.json', '.html', '.svg', '.txt', '.ts']);

/** Every file under `dir` (relative paths), the .gz/.br copies left out. */
export function originals(dir, sub = '') {
  const out = [];
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = join(sub, e.name);
    if (e.isDirectory()) out.push(...originals(dir, rel));
    else if (!/\.(gz|br)$/.test(e.name)) out.push(rel);
  }
  return out.sort();
}

/** gzip at its best: GNU gzip when it runs (no name or time in the header: same bytes every build), else zlib. */
function gzipBest(body) {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: body, maxBuffer: 1 << 30 });
  return r.status === 0 && r.stdout.length ? r.stdout : gzipSync(body, { level: 9 });
}

/** The two encodings: file suffix and compressor. */
export const ENCODINGS = [
  ['.gz', gzipBest],
  ['.br', (b, text) => brotliCompressSync(b, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    },
  })],
];

/** Writes the copies for every compressible file of `dir`; returns [file, raw, gz, br] rows. */
export function precompress(dir) {
  const rows = [];
  for (const rel of originals(dir)) {
    if (!COMPRESSIBLE.has(extname(rel))) continue;
    const path = join(dir, rel);
    const body = readFileSync(path);
    const row = [rel, body.length];
    for (const [suffix, compress] of ENCODINGS) {
      const packed = compress(body, extname(rel) !== '.wasm');
      // Only where it helps: a copy as large as the file is bytes for nothing.
      if (packed.length < body.length) {
        writeFileSync(path + suffix, packed);
        row.push(packed.length);
      } else {
        rmSync(path + suffix, { force: true });
        row.push(null);
      }
    }
    rows.push(row);
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error('usage: node scripts/precompress.mjs <folder>');
    process.exit(2);
  }
  for (const [rel, raw, gz, br] of precompress(dir)) {
    const f = (n) => (n === null ? '—' : String(n));
    console.log(`  ${rel.padEnd(40)} ${String(raw).padStart(8)} raw ${f(gz).padStart(8)} .gz ${f(br).padStart(8)} .br`);
  }
}
