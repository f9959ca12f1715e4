// Looks at pages the way readers do: loads each page in Debian's Chromium (driven by
// playwright-core, no downloaded browser) at a phone width and a desktop width, saves a
// screenshot, and runs axe-core on the page. Called by tests/look.rs, which checks the
// JSON this prints on stdout.
//
//   node look.mjs BASE_URL SHOT_DIR PAGES_JSON
//
// PAGES_JSON is [{"name": "home", "path": "/"}, …]. Output:
//   {"pages": [{"name", "width", "overflow", "violations": [{"id", "impact", "help", "targets"}],
//               "skip": {"first", "visible", "outline", "target"}, "console": [..], "csp": [..]}]}
// "csp" lists every Content-Security-Policy violation the page reported (its
// `securitypolicyviolation` events, recorded by a script the browser injects before the
// page's own, which the policy does not apply to).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, FLAGS } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, shotDir, pagesJson] = process.argv.slice(2);
const pages = JSON.parse(pagesJson);

// Widths from the issue; the screenshot stops at MAX_HEIGHT so the PNGs stay small.
const VIEWS = [
  { width: 360, height: 740, maxHeight: 2600 },
  { width: 1280, height: 900, maxHeight: 1800 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, '--hide-scrollbars'] });
const results = [];
try {
  for (const view of VIEWS) {
    const context = await browser.newContext({
      viewport: { width: view.width, height: view.height },
      deviceScaleFactor: 1,
      locale: 'vi-VN',
      reducedMotion: 'reduce',
    });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      }, true);
    });
    for (const { name, path } of pages) {
      const page = await context.newPage();
      const console = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.push(m.text()); });
      page.on('pageerror', (e) => console.push(String(e)));
      await page.goto(base + path, { waitUntil: 'networkidle' });
      const csp = await page.evaluate(() => window.__cspViolations);
      const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      const height = Math.min(scrollHeight, view.maxHeight);
      await page.screenshot({
        path: join(shotDir, `${name}-${view.width}.png`),
        fullPage: true,
        clip: { x: 0, y: 0, width: view.width, height },
      });
      // Page overflow: anything wider than the window makes the whole page scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.evaluate(axeSource);
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        }));
      });
      // The first Tab reaches the skip link, which shows itself with a visible focus ring.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        const href = a.getAttribute('href') || '';
        return {
          first: a.className,
          visible: r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
          outline: getComputedStyle(a).outlineStyle,
          target: href.startsWith('#') && !!document.getElementById(href.slice(1)),
        };
      });
      results.push({ name, width: view.width, overflow, violations: axe, skip, console, csp });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ pages: results }, null, 1));
