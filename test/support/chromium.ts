/**
 * Debian's Chromium driven by playwright-core, for the status page's browser test. The machines have no
 * internet: without the background-networking flags Chromium's own connections (updates, sync, QUIC
 * probes) are refused by the closed network and slow or break the start. Each launch gets a new, empty
 * profile folder. A missing browser is a failure, never a skip: the test command (test/run.ts) installs it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the browser test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does)`,
    );
  const profile = mkdtempSync(path.join(tmpdir(), 'edreflect-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The number of distinct colours of a PNG, decoded by the browser itself (an <img> drawn on a canvas in
 * an empty page): a blank screenshot has one.
 */
export async function distinctColours(context: BrowserContext, png: Buffer): Promise<number> {
  const page = await context.newPage();
  try {
    // A string, as the code runs in the browser and this project compiles without the DOM types.
    const count: unknown = await page.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return colours.size;
    })()`);
    if (typeof count !== 'number') throw new Error(`the browser counted ${String(count)} colours`);
    return count;
  } finally {
    await page.close();
  }
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
