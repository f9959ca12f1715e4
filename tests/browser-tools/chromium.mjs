// Debian's Chromium and the flags every test run uses: headless, no sandbox (CI runs as
// root), no network beyond loopback, no first-run or background work.
export const CHROMIUM = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
