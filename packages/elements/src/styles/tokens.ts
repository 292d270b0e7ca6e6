import { css, unsafeCSS, type CSSResult } from 'lit';

// Design tokens. Every value reads a `--conv-*` custom property with the default as fallback,
// instead of declaring the properties on `:host`: a declaration on `:host` would shadow the
// value a host page sets on any ancestor (`body { --conv-color-accent: teal }`), and theming
// by inheritance is the point. Components interpolate these, never raw colours.
function token(name: string, fallback: string): CSSResult {
  return unsafeCSS(`var(--conv-${name}, ${fallback})`);
}

export const color = {
  text: token('color-text', '#1f2328'),
  textMuted: token('color-text-muted', '#59636e'),
  surface: token('color-surface', '#ffffff'),
  surfaceRaised: token('color-surface-raised', '#f6f8fa'),
  surfaceSelected: token('color-surface-selected', '#e8f0fe'),
  border: token('color-border', '#d1d9e0'),
  accent: token('color-accent', '#0b57d0'),
  accentText: token('color-accent-text', '#ffffff'),
  inboundBubble: token('color-inbound-bubble', '#eef1f4'),
  // Derived from the accent, so one --conv-color-accent themes the whole inbox.
  outboundBubble: token('color-outbound-bubble', 'var(--conv-color-accent, #0b57d0)'),
  outboundText: token('color-outbound-text', '#ffffff'),
  note: token('color-note', '#fff4c2'),
  noteBorder: token('color-note-border', '#e3c55a'),
  noteText: token('color-note-text', '#4d3d00'),
  danger: token('color-danger', '#b3261e'),
  warning: token('color-warning', '#8a5a00'),
  warningSurface: token('color-warning-surface', '#fff3d6'),
  unread: token('color-unread', 'var(--conv-color-accent, #0b57d0)'),
  focusRing: token('color-focus-ring', 'var(--conv-color-accent, #0b57d0)'),
  skeleton: token('color-skeleton', '#e6eaef'),
  star: token('color-star', '#b45309'),
  highlight: token('color-highlight', '#fde68a'),
  badge: token('color-badge', '#d1242f'),
  badgeText: token('color-badge-text', '#ffffff'),
  overlay: token('color-overlay', 'rgb(15 23 42 / 0.35)'),
  shadow: token('color-shadow', 'rgb(15 23 42 / 0.18)'),
};

export const space = {
  xs: token('space-xs', '0.25rem'),
  s: token('space-s', '0.5rem'),
  m: token('space-m', '0.75rem'),
  l: token('space-l', '1rem'),
  xl: token('space-xl', '1.5rem'),
};

export const radius = {
  s: token('radius-s', '4px'),
  m: token('radius-m', '8px'),
  l: token('radius-l', '14px'),
  pill: token('radius-pill', '999px'),
};

export const font = {
  family: token('font-family', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
  sizeS: token('font-size-s', '0.8125rem'),
  sizeM: token('font-size-m', '0.9375rem'),
  sizeL: token('font-size-l', '1.0625rem'),
  weightNormal: token('font-weight-normal', '400'),
  weightBold: token('font-weight-bold', '600'),
  lineHeight: token('font-line-height', '1.4'),
};

/** Focus ring shared by every interactive part. */
export const focusRing = css`
  outline: 2px solid ${color.focusRing};
  outline-offset: 2px;
`;
