import { unsafeCSS, type CSSResult } from 'lit';

// Design tokens, in two tiers. Reference tokens are the few a host sets to restyle everything:
// --conv-color-text, --conv-color-surface, --conv-color-accent (and --conv-color-accent-text on
// it), --conv-color-danger, --conv-font-family. Every other token derives from them unless the
// host sets it too: raised surfaces, borders, bubbles and muted text are mixes of text and
// surface, so a dark pair of text and surface gives a coherent dark inbox, inputs included.
//
// Each element's :host declares one private property per token (`--_color-text`), read from the
// public `--conv-*` one with the default as fallback: nothing is declared under a public name,
// which would shadow the value a host page sets on an ancestor (`body { --conv-color-accent: teal }`).
// Components interpolate these, never raw colours. Defaults come in a light and a dark value
// (`light-dark()`), picked by the `color-scheme` in force: the host page's, or the element's
// `theme` attribute (light, dark, or auto to follow the system).

/** Every token's name (without `--conv-`) and default, in order: the reference docs list them. */
export const TOKENS: [name: string, fallback: string][] = [];

function token(name: string, fallback: string): CSSResult {
  TOKENS.push([name, fallback]);
  return unsafeCSS(`var(--_${name})`);
}

/** A mix of two tokens: `percent` of the first over the second. */
const mix = (a: string, percent: number, b: string) => `color-mix(in srgb,var(--_${a}) ${percent}%,var(--_${b}))`;

export const color = {
  // Reference tokens.
  text: token('color-text', 'light-dark(#1f2328,#e6edf3)'),
  surface: token('color-surface', 'light-dark(#ffffff,#0d1117)'),
  accent: token('color-accent', 'light-dark(#0b57d0,#4493f8)'),
  accentText: token('color-accent-text', 'light-dark(#ffffff,#0d1117)'),
  danger: token('color-danger', 'light-dark(#b3261e,#ff7b72)'),
  dangerText: token('color-danger-text', 'light-dark(#ffffff,#0d1117)'),
  // Derived from them.
  textMuted: token('color-text-muted', mix('color-text', 72, 'color-surface')),
  surfaceRaised: token('color-surface-raised', mix('color-text', 5, 'color-surface')),
  surfaceSelected: token('color-surface-selected', mix('color-accent', 14, 'color-surface')),
  border: token('color-border', mix('color-text', 20, 'color-surface')),
  inboundBubble: token('color-inbound-bubble', mix('color-text', 8, 'color-surface')),
  outboundBubble: token('color-outbound-bubble', 'var(--_color-accent)'),
  outboundText: token('color-outbound-text', 'var(--_color-accent-text)'),
  unread: token('color-unread', 'var(--_color-accent)'),
  focusRing: token('color-focus-ring', 'var(--_color-accent)'),
  skeleton: token('color-skeleton', mix('color-text', 12, 'color-surface')),
  // Their own hues, in a light and a dark value.
  note: token('color-note', 'light-dark(#fff4c2,#3b2f00)'),
  noteBorder: token('color-note-border', 'light-dark(#e3c55a,#7a6200)'),
  noteText: token('color-note-text', 'light-dark(#4d3d00,#f5e3a6)'),
  warning: token('color-warning', 'light-dark(#8a5a00,#e3b341)'),
  warningSurface: token('color-warning-surface', 'light-dark(#fff3d6,#3a2b00)'),
  star: token('color-star', 'light-dark(#b45309,#f0b429)'),
  highlight: token('color-highlight', 'light-dark(#fde68a,#5c4c00)'),
  badge: token('color-badge', 'light-dark(#d1242f,#f85149)'),
  badgeText: token('color-badge-text', 'light-dark(#ffffff,#0d1117)'),
  overlay: token('color-overlay', 'rgb(15 23 42/.35)'),
  shadow: token('color-shadow', 'light-dark(rgb(15 23 42/.18),rgb(0 0 0/.5))'),
};

/** How roomy the layout is: 1 by default, less with density="compact" (shared.styles.ts). */
export const densityScale = token('density-scale', '1');

export const space = {
  xs: token('space-xs', 'calc(.25rem*var(--_density-scale))'),
  s: token('space-s', 'calc(.5rem*var(--_density-scale))'),
  m: token('space-m', 'calc(.75rem*var(--_density-scale))'),
  l: token('space-l', 'calc(1rem*var(--_density-scale))'),
  xl: token('space-xl', 'calc(1.5rem*var(--_density-scale))'),
};

export const radius = {
  s: token('radius-s', '4px'),
  m: token('radius-m', '8px'),
  l: token('radius-l', '14px'),
  pill: token('radius-pill', '999px'),
};

export const font = {
  family: token('font-family', 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif'),
  sizeS: token('font-size-s', '0.8125rem'),
  sizeM: token('font-size-m', '0.9375rem'),
  sizeL: token('font-size-l', '1.0625rem'),
  weightNormal: token('font-weight-normal', '400'),
  weightBold: token('font-weight-bold', '600'),
  lineHeight: token('font-line-height', '1.4'),
};

/** Every token's private property, for each element's :host (styles/shared.styles.ts). */
export const tokenDeclarations = unsafeCSS(TOKENS.map(([name, fallback]) => `--_${name}:var(--conv-${name},${fallback});`).join(''));
