// Debian's Chromium (Playwright and Lighthouse never download a browser) and the flags every benchmark
// starts it with: no sandbox (root in a container), no GPU, and nothing that reaches the network.
export const CHROMIUM = process.env.OTA_WEB_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
