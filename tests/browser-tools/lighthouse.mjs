// Runs Lighthouse (mobile settings, the default) on pages of a built site and prints the
// four category scores as JSON. Called by tests/look.rs.
//
//   node lighthouse.mjs SITE_DIR /path/ /other/path/ …
//
// The site is served from a loopback server that compresses text with gzip when the
// browser accepts it, as a production web server should (langso writes plain files;
// compression is the server's job). The browser is Debian's Chromium (chromium.mjs);
// nothing is downloaded.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, FLAGS } from './chromium.mjs';

const [root, ...paths] = process.argv.slice(2);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif',
  '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};
const TEXT = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml', '.txt', '.webmanifest']);

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = join(root, normalize(path));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  let status = 200;
  if (!file.startsWith(root) || !existsSync(file)) { file = join(root, '404.html'); status = 404; }
  const ext = extname(file);
  const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'max-age=3600' };
  const gzip = TEXT.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
  if (gzip) headers['Content-Encoding'] = 'gzip';
  res.writeHead(status, headers);
  const body = createReadStream(file);
  (gzip ? body.pipe(createGzip()) : body).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless', ...FLAGS],
});
// Lighthouse's performance score varies from run to run with the machine's load (its own
// documentation advises several runs and the median): each page is measured RUNS times and
// the run with the median performance score is reported.
const RUNS = 5;
const results = [];
try {
  for (const path of paths) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error' });
      runs.push(run.lhr);
    }
    runs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
    const lhr = runs[Math.floor(RUNS / 2)];
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score]));
    const performanceRuns = runs.map((r) => r.categories.performance?.score ?? null);
    // What cost points, for a reader of the test output.
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative'
        && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id}: ${a.displayValue || a.score}`);
    const runtimeError = runs.map((r) => r.runtimeError?.message).find((m) => m);
    // What the phone downloaded: every request's transferred bytes, and the images' part.
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const bytes = (items) => items.reduce((n, r) => n + (r.transferSize || 0), 0);
    const transferred = { total: bytes(requests), images: bytes(requests.filter((r) => r.resourceType === 'Image')) };
    const lcp = lhr.audits['largest-contentful-paint']?.displayValue;
    results.push({ path, scores, performanceRuns, failing, runtimeError, transferred, lcp });
  }
} finally {
  await chrome.kill();
  server.close();
}
process.stdout.write(JSON.stringify({ pages: results }, null, 1));
