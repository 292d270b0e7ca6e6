import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { Channel, MessageKind } from '@convkit/sdk';
import type { Localize } from '../i18n/localize.js';

/** What an icon stands for: a channel, or a kind that has none (note, activity). */
export type Glyph = Channel | 'note' | 'activity';

const LABEL_TERMS = {
  sms: 'channelSms',
  mms: 'channelMms',
  whatsapp: 'channelWhatsapp',
  email: 'channelEmail',
  call: 'channelCall',
  chat: 'channelChat',
  facebook: 'channelFacebook',
  instagram: 'channelInstagram',
  note: 'kindNote',
  activity: 'kindActivity',
} as const;

/** A channel's or kind's name: "WhatsApp", "Internal note". */
export function channelLabel(l: Localize, glyph: Glyph): string {
  return l.t(LABEL_TERMS[glyph]);
}

/** Channels an agent can reply on from the composer. */
export const REPLY_CHANNELS: readonly Channel[] = ['sms', 'mms', 'whatsapp', 'email', 'chat', 'facebook', 'instagram'];

// 16x16 strokes in currentColor: a few hundred bytes in all, no icon font to load.
const PATHS: Record<Glyph, SVGTemplateResult> = {
  sms: svg`<path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z"/>`,
  mms: svg`<rect x="2.5" y="3" width="11" height="9" rx="1"/><path d="M2.5 10l3-3 3 3 2-2 3 3"/><circle cx="10.5" cy="5.8" r="0.9"/>`,
  whatsapp: svg`<path d="M3 13l.8-2.6A5.5 5.5 0 1 1 6 12.3z"/><path d="M6.2 5.8c.2 1.6 1.8 3.3 3.6 3.7"/>`,
  email: svg`<rect x="2" y="3.5" width="12" height="9" rx="1"/><path d="M2.5 4.5l5.5 4 5.5-4"/>`,
  call: svg`<path d="M4 2.5h2l1 3-1.5 1a7 7 0 0 0 4 4l1-1.5 3 1v2a1.5 1.5 0 0 1-1.5 1.5A10.5 10.5 0 0 1 2.5 4 1.5 1.5 0 0 1 4 2.5z"/>`,
  chat: svg`<path d="M2.5 4a1.5 1.5 0 0 1 1.5-1.5h8A1.5 1.5 0 0 1 13.5 4v5a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3a1.5 1.5 0 0 1-1.5-1.5z"/><path d="M5.5 6.5h5"/>`,
  facebook: svg`<path d="M8 2a6 5.6 0 0 0-3.5 10.2V14l2-1.1A6 5.6 0 1 0 8 2z"/><path d="M5 8.5l2-2 1.5 1.5 2.5-1.5-2 2-1.5-1.5z"/>`,
  instagram: svg`<rect x="2.5" y="2.5" width="11" height="11" rx="3"/><circle cx="8" cy="8" r="2.6"/><circle cx="11.2" cy="4.8" r="0.5"/>`,
  note: svg`<path d="M3 2.5h7l3 3v8H3z"/><path d="M10 2.5v3h3M5.5 8h5M5.5 10.5h3.5"/>`,
  activity: svg`<path d="M2 8.5h3l1.5-4 3 7 1.5-3h3"/>`,
};

/** The glyph that stands for a message or a list row. */
export function glyphFor(kind: MessageKind | undefined, channel: Channel | null | undefined): Glyph {
  if (kind === 'note') return 'note';
  if (kind === 'activity') return 'activity';
  if (kind === 'call') return 'call';
  return channel ?? 'chat';
}

/** An SVG icon; `label` gives it an accessible name, otherwise it is hidden from assistive tech. */
export function channelIcon(glyph: Glyph, label?: string): TemplateResult {
  // The outer <svg> goes in an html template: Lit's svg tag is for fragments inside one.
  return label
    ? html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" stroke-linecap="round" role="img" aria-label=${label}>${PATHS[glyph]}</svg>`
    : html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" stroke-linecap="round" aria-hidden="true">${PATHS[glyph]}</svg>`;
}
