import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html } from 'lit';
import { ConvElement } from '../base/conv-element.js';

/** An element with the shared host styles, showing one swatch per pair of tokens. */
class TokenProbe extends ConvElement {
  override render() {
    return html`${PAIRS.map(([fg, bg]) => html`<span data-pair=${`${fg} on ${bg}`} style=${`color:var(--_${fg});background-color:var(--_${bg})`}>Aa</span>`)}`;
  }
}
customElements.define('conv-token-probe', TokenProbe);

// Text on every surface it is drawn on, and what each pair must reach: 4.5 for text (WCAG AA),
// 3 for icons and dots that carry meaning without text (WCAG 1.4.11).
const PAIRS: [string, string, number][] = [
  ['color-text', 'color-surface', 4.5],
  ['color-text', 'color-surface-raised', 4.5],
  ['color-text', 'color-surface-selected', 4.5],
  ['color-text', 'color-inbound-bubble', 4.5],
  ['color-text', 'color-highlight', 4.5],
  ['color-text-muted', 'color-surface', 4.5],
  ['color-text-muted', 'color-surface-raised', 4.5],
  ['color-text-muted', 'color-surface-selected', 4.5],
  ['color-accent', 'color-surface', 4.5],
  ['color-accent-text', 'color-accent', 4.5],
  ['color-outbound-text', 'color-outbound-bubble', 4.5],
  ['color-note-text', 'color-note', 4.5],
  ['color-danger', 'color-surface', 4.5],
  ['color-danger-text', 'color-danger', 4.5],
  ['color-warning', 'color-warning-surface', 4.5],
  ['color-badge-text', 'color-badge', 4.5],
  ['color-star', 'color-surface', 3],
  ['color-unread', 'color-surface', 3],
];

/** sRGB channels 0–1 of a computed colour: rgb(…) or color(srgb …). */
function channels(value: string): [number, number, number] {
  const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(value);
  if (rgb) return [Number(rgb[1]) / 255, Number(rgb[2]) / 255, Number(rgb[3]) / 255];
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/.exec(value);
  if (srgb) return [Number(srgb[1]), Number(srgb[2]), Number(srgb[3])];
  throw new Error(`unreadable colour ${value}`);
}

function luminance(value: string): number {
  const [r, g, b] = channels(value).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(fg: string, bg: string): number {
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

async function failures(probe: TokenProbe): Promise<string[]> {
  await probe.updateComplete;
  const failed: string[] = [];
  for (const [fg, bg, minimum] of PAIRS) {
    const swatch = probe.shadowRoot!.querySelector<HTMLElement>(`[data-pair="${fg} on ${bg}"]`)!;
    const style = getComputedStyle(swatch);
    const ratio = contrast(style.color, style.backgroundColor);
    if (ratio < minimum) failed.push(`${fg} on ${bg}: ${ratio.toFixed(2)} (${style.color} on ${style.backgroundColor}), needs ${minimum}`);
  }
  return failed;
}

describe('theme contrast (WCAG AA)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`holds for text on every surface in the ${theme} theme`, async () => {
      const probe = await fixture<TokenProbe>(testHtml`<conv-token-probe theme=${theme}></conv-token-probe>`);
      expect(await failures(probe)).to.deep.equal([]);
    });
  }

  it("follows the page's color-scheme when no theme is set, and the system's with theme=auto", async () => {
    const wrapper = await fixture<HTMLElement>(testHtml`<div style="color-scheme: dark"><conv-token-probe></conv-token-probe></div>`);
    const probe = wrapper.querySelector<TokenProbe>('conv-token-probe')!;
    await probe.updateComplete;
    const surface = getComputedStyle(probe.shadowRoot!.querySelector<HTMLElement>('[data-pair="color-text on color-surface"]')!).backgroundColor;
    expect(luminance(surface)).to.be.below(0.05, 'a dark surface under a dark page');
  });

  it('theme="auto" follows the system: dark when it prefers dark, light when it prefers light', async () => {
    const surface = (probe: TokenProbe) => luminance(getComputedStyle(probe.shadowRoot!.querySelector<HTMLElement>('[data-pair="color-text on color-surface"]')!).backgroundColor);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const probe = await fixture<TokenProbe>(testHtml`<conv-token-probe theme="auto"></conv-token-probe>`);
      await probe.updateComplete;
      expect(surface(probe)).to.be.below(0.05, 'dark under a dark system');
      expect(await failures(probe)).to.deep.equal([]);
      await emulateMedia({ colorScheme: 'light' });
      expect(surface(probe)).to.be.above(0.9, 'light under a light system');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('holds when a host sets only the reference tokens, for a dark host theme of its own', async () => {
    const wrapper = await fixture<HTMLElement>(
      testHtml`<div style="--conv-color-text:#ececf1;--conv-color-surface:#1e1f24;--conv-color-accent:#8ab4f8;--conv-color-accent-text:#10131a;--conv-color-danger:#f28b82;--conv-color-danger-text:#10131a;color-scheme:dark"><conv-token-probe></conv-token-probe></div>`,
    );
    expect(await failures(wrapper.querySelector<TokenProbe>('conv-token-probe')!)).to.deep.equal([]);
  });
});
