/**
 * The status page in a real browser: two days of ratings (one row of them rejected by the producer) are
 * published from a local folder and applied, `edreflect ui` runs as its own process against that world,
 * and Debian's Chromium opens the page. The numbers on the page must be the ones MongoDB and Kafka hold,
 * the chart must have one bar per drop day, and the screenshot must not be blank.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { runCli, startCli, type RunningCli } from '../support/cli';
import { distinctColours, launchChromium, pngSize, type Browser } from '../support/chromium';
import { localOrgFolder } from '../support/drops';
import { tempFile } from '../support/tmp';
import { createWorld, type World } from '../support/world';

const RATINGS = 'observation_group_id,indicator_id,rating,school_year';

describe('edreflect ui: the status page in Chromium', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  let ui: RunningCli;
  let url: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // First, so a machine without Chromium fails here, before minutes of setup.
    browser = await launchChromium();
    world = createWorld('ui');
    const folder = localOrgFolder();
    env = world.env({ EDREFLECT_SOURCE: folder.url });
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n1002\n',
      'Ratings.csv': `${RATINGS}\n1001,I-1,3,2026\n1001,I-2,2,2026\n1002,I-1,4,2026\n1002,I-2,<b>four</b>,2026\n`,
    });
    folder.writeDay('2026-09-02', {
      'Observation_Modified.csv': 'observation_group_id\n1003\n',
      'Ratings.csv': `${RATINGS}\n1003,I-1,1,2026\n1003,I-2,2,2026\n`,
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 2, `one row is rejected\n${produced.stdout}\n${produced.stderr}`);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    ui = startCli(['ui', '--port', '0'], env);
    let stdout = '';
    ui.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    await ui.waitFor(/serving http:\/\/127\.0\.0\.1:\d+\//, 30_000);
    url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1] ?? '';
    assert.notEqual(url, '', stdout);
    page = await browser.context.newPage();
    const response = await page.goto(url, { timeout: 60_000 });
    assert.equal(response?.status(), 200);
  });
  after(async () => {
    await browser?.close();
    if (ui !== undefined && ui.child.exitCode === null) ui.child.kill('SIGKILL');
    await world?.close();
  });

  it('shows the org, each collection with the documents MongoDB holds, and a bar per drop day', async () => {
    const db = await world.db();
    const counts = {
      ratings: await db.collection('ratings').countDocuments({ _org: world.org }),
      observation_modified: await db.collection('observation_modified').countDocuments({ _org: world.org }),
    };
    assert.deepEqual(counts, { ratings: 5, observation_modified: 3 }, 'what the page must show');
    const org = page.locator(`section.org[data-org="${world.org}"]`);
    assert.match(await org.locator('h2').innerText(), new RegExp(`org ${world.org}`));
    for (const [collection, documents] of Object.entries(counts)) {
      const row = org.locator(`table.collections tr[data-collection="${collection}"]`);
      assert.equal(await row.locator('td').first().innerText(), collection);
      assert.equal(await row.locator('td[data-documents]').innerText(), String(documents));
      assert.equal(await row.locator('td').nth(1).innerText(), '2026-09-02', 'newest day applied');
      assert.match(await row.innerText(), /up to date/);
    }
    const bars = async (collection: string): Promise<string[]> =>
      org
        .locator(`figure[data-collection="${collection}"] svg rect.bar`)
        .evaluateAll((rects) =>
          rects.map((r) => `${r.getAttribute('data-day')}=${r.getAttribute('data-documents')}`),
        );
    assert.deepEqual(await bars('ratings'), ['2026-09-01=3', '2026-09-02=2']);
    assert.deepEqual(await bars('observation_modified'), ['2026-09-01=2', '2026-09-02=1']);
    const heights = await org
      .locator('figure[data-collection="ratings"] svg rect.bar')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    assert.ok(heights[0]! > heights[1]!, `3 documents draw a taller bar than 2: ${heights.join(', ')}`);
  });

  it('shows the dead letter with its reason as text, never as markup', async () => {
    const org = page.locator(`section.org[data-org="${world.org}"]`);
    assert.equal(await org.locator('[data-dead-letters]').innerText(), '1');
    const letter = org.locator('table.dead-letters tbody tr');
    assert.equal(await letter.count(), 1);
    const text = await letter.innerText();
    assert.match(text, /produce/);
    assert.match(text, /Ratings\.csv:5/);
    assert.equal(await page.locator('b:text("four")').count(), 0, 'the CSV value is not rendered as HTML');
  });

  it('shows the lag of each topic, and /api/status serves the same numbers as JSON', async () => {
    const api = await fetch(`${url}api/status`);
    assert.equal(api.status, 200);
    assert.match(api.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await api.json()) as {
      status: { topics: { topic: string; lag: number }[] };
      documents: { org: string; collection: string; documents: number }[];
    };
    const mine = body.documents.filter((d) => d.org === world.org);
    assert.deepEqual(
      mine.map((d) => [d.collection, d.documents]),
      [
        ['observation_modified', 3],
        ['ratings', 5],
      ],
    );
    const ratingsTopic = body.status.topics.find((t) => t.topic === `${world.prefix}ratings`);
    assert.equal(ratingsTopic?.lag, 0);
    const row = page.locator(`section.topics tr[data-topic="${world.prefix}ratings"]`);
    assert.equal(await row.locator('td').last().innerText(), '0');
  });

  it('looks like a page: a PNG screenshot with many colours, where a blank page has one', async (t) => {
    const shot = await page.screenshot({ fullPage: true });
    const file = tempFile('status-page.png', shot);
    t.diagnostic(`screenshot: ${file}`);
    const size = pngSize(shot);
    assert.ok(size.width >= 1280 && size.height > 0, JSON.stringify(size));
    const blankPage = await browser.context.newPage();
    const blank = await blankPage.screenshot();
    await blankPage.close();
    assert.equal(await distinctColours(browser.context, blank), 1, 'the blank page, for comparison');
    const colours = await distinctColours(browser.context, shot);
    assert.ok(colours > 50, `the page shows text, tables and a chart: ${colours} colours`);
    writeFileSync(file, shot);
  });

  it('is read-only, and stops on SIGTERM', async () => {
    const post = await fetch(url, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal((await fetch(`${url}nothing-here`)).status, 404);
    ui.child.kill('SIGTERM');
    const done = await ui.done;
    assert.equal(done.code, 0, done.stderr);
  });
});
