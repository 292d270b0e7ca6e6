// Every story as a designer sees it, in the light and the dark theme: drawn from real data, in
// its state, with no page error, and compared pixel by pixel with the picture committed in
// e2e/screenshots/ (<story>.<theme>.png). What moves with the clock
// (times, dates, day separators) reads as fixed text, at the source (Intl), so the layout stays
// steady where a time's width moves a card; animations are stopped. A difference is a change in
// how Convkit looks. `UPDATE_SCREENSHOTS=1` writes the pictures anew, to review and
// commit; a failing comparison leaves the new picture and a diff in e2e/screenshots/.failed/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { comparePngs } from './screenshot-compare.js';
import { showStory, STATES, waitForStory, type IndexEntry } from './storybook-stories.js';

const shots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const failed = `${shots}.failed/`;
const built = new URL('../../storybook-static/index.html', import.meta.url);
const update = process.env['UPDATE_SCREENSHOTS'] === '1';
/** Share of pixels that may differ: text anti-aliasing that pixelmatch does not recognise. */
const TOLERANCE = 0.002;
const THEMES = ['light', 'dark'] as const;

/**
 * Runs in each page before Storybook: the clock's readings (times, dates, "Today", "5m") come out
 * of Intl as fixed text, whatever the data's timestamps and however often an element redraws.
 * Counts and other numbers are formatted as usual.
 */
function fixTheClock(): void {
  // DateTimeFormat's and NumberFormat's `format` are getters (of a bound function); RelativeTimeFormat's a method.
  Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', { get: () => () => '00:00' });
  Intl.RelativeTimeFormat.prototype.format = () => 'day';
  const formatNumber = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format')!.get!;
  Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
    get(this: Intl.NumberFormat) {
      const format = formatNumber.call(this) as (value: number) => string;
      const { style, unit } = this.resolvedOptions();
      return style === 'unit' && (unit === 'minute' || unit === 'hour') ? () => '0m' : format;
    },
  });
}

/**
 * A time zone in which `now` reads about 8 pm. The seeds place messages relative to now, so
 * where the day ends decides the day separators a thread shows: at 8 pm everything of the last
 * twenty hours is today, and the earlier days' clusters (an hour or two long, at most six hours
 * before their day's now) sit mid-afternoon, never across midnight.
 */
function eveningZone(now: Date): string {
  // Etc/GMT+N is N hours behind UTC; the zones run from Etc/GMT-14 to Etc/GMT+12.
  let behind = now.getUTCHours() - 20;
  if (behind < -14) behind += 24;
  if (behind === 0) return 'UTC';
  return behind > 0 ? `Etc/GMT+${behind}` : `Etc/GMT${behind}`;
}

/** Waits for fonts, for every element's pending update, and for two frames to paint. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const all: Element[] = [];
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    await Promise.all(all.map((el) => (el as { updateComplete?: Promise<unknown> }).updateComplete));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

describe('Storybook stories render and look as they did, in light and dark', async () => {
  let demo: DemoServer;
  let browser: Browser;
  let stories: IndexEntry[];

  before(async () => {
    assert.ok(existsSync(built), 'no storybook-static/: run `npm run build` first');
    demo = await startDemoServer();
    browser = await launchChromium();
    const index = (await (await fetch(`${demo.url}/storybook/index.json`)).json()) as { entries: Record<string, IndexEntry> };
    stories = Object.values(index.entries).filter((e) => e.type === 'story');
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('renders each story with real data, its state and no page error, matching its committed picture in each theme', { timeout: 240_000 }, async () => {
    assert.ok(stories.length >= 30, `stories in the index: ${stories.length}`);
    const problems: string[] = [];
    mkdirSync(shots, { recursive: true });
    const compare = (name: string, picture: Buffer) => {
      const file = `${shots}${name}.png`;
      if (update || !existsSync(file)) {
        writeFileSync(file, picture);
        if (!update) problems.push(`${name}: no committed picture (written now: review it, then commit it)`);
        return;
      }
      const result = comparePngs(readFileSync(file), picture);
      if (result.sameSize && result.differing <= result.total * TOLERANCE) return;
      mkdirSync(failed, { recursive: true });
      writeFileSync(`${failed}${name}.png`, picture);
      if (result.diff) writeFileSync(`${failed}${name}.diff.png`, result.diff);
      problems.push(result.sameSize ? `${name}: ${result.differing} of ${result.total} pixels differ` : `${name}: the picture changed size`);
    };
    // One page per theme goes through every story, switching as Storybook's manager switches its
    // preview (a page load costs about 1.5 s of CPU here; a switch, a few hundred ms).
    const walk = async (theme: (typeof THEMES)[number]) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', timezoneId: eveningZone(new Date()) });
      await page.addInitScript(fixTheClock);
      const errors: string[] = [];
      page.on('pageerror', (error) => {
        // Chromium reports this benign virtualizer notification as an error (w3c/csswg-drafts#5488).
        if (!/ResizeObserver loop/.test(error.message)) errors.push(error.message);
      });
      await page.goto(`${demo.url}/storybook/iframe.html?id=${stories[0]!.id}&viewMode=story&globals=theme:${theme}`);
      for (const [i, story] of stories.entries()) {
        const name = `${story.id}.${theme}`;
        if (i > 0) await showStory(page, story.id);
        const tag = story.title.split('/').pop()!;
        const { ok, seen } = await waitForStory(page, tag, STATES[story.id] ?? { text: [] });
        assert.ok(ok, `${name}: <${tag}> rendered ${STATES[story.id] ? `showing ${STATES[story.id]!.text.join(', ')}` : 'from data'}; saw: ${seen}`);
        await settle(page);
        compare(name, await page.locator('#storybook-root').screenshot({ animations: 'disabled', caret: 'hide' }));
        assert.deepEqual(errors.splice(0), [], `${name}: no page errors`);
      }
      await page.close();
    };
    await Promise.all(THEMES.map(walk));
    assert.deepEqual(problems, [], `see e2e/screenshots/.failed/; UPDATE_SCREENSHOTS=1 accepts the new pictures`);
  });
});
