import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const threadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    position: relative;
    background: ${color.surface};
  }
  /* Over the feed's bottom edge while the reader is scrolled up. */
  .jump {
    position: absolute;
    inset-block-end: ${space.l};
    inset-inline-end: ${space.l};
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  header {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.xs} ${space.m};
    padding: ${space.m} ${space.l};
    border-bottom: 1px solid ${color.border};
  }
  .title {
    flex: 1 1 12rem;
    display: flex;
    align-items: center;
    gap: ${space.s};
    min-width: 0;
  }
  .triage {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .header-actions {
    display: flex;
    align-items: center;
    gap: ${space.xs};
  }
  .notice {
    padding: ${space.s} ${space.l};
    background: ${color.warningSurface};
    color: ${color.danger};
    font-size: ${font.sizeS};
  }
  h2 {
    margin: 0;
    font-size: ${font.sizeL};
    font-weight: ${font.weightBold};
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .scroller {
    flex: 1 1 auto;
    min-height: 0;
    overflow-y: auto;
    padding: ${space.l};
    display: flex;
    flex-direction: column;
    gap: ${space.m};
    /* The feed keeps the reader's place itself (feed-window-controller.ts). */
    overflow-anchor: none;
  }
  .rows {
    display: flex;
    flex-direction: column;
    gap: ${space.m};
    flex: none;
  }
  .scroller:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: -2px;
  }
  .older {
    align-self: center;
  }
  .day {
    display: flex;
    align-items: center;
    gap: ${space.m};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-top: 1px solid ${color.border};
  }
  .unread {
    color: ${color.accent};
    font-weight: ${font.weightBold};
  }
  .unread::before,
  .unread::after {
    border-top-color: ${color.accent};
  }
  .message {
    display: flex;
    flex-direction: column;
    gap: 2px;
    max-width: var(--conv-thread-bubble-max-width, min(75%, 36rem));
  }
  .inbound {
    align-self: flex-start;
    align-items: flex-start;
  }
  .outbound {
    align-self: flex-end;
    align-items: flex-end;
  }
  .bubble {
    padding: ${space.s} ${space.m};
    border-radius: ${radius.l};
    overflow-wrap: anywhere;
  }
  /* On the text only: the template's own indentation around it must not show. */
  .body {
    white-space: pre-wrap;
  }
  /* Links in a message: the bubble's own text colour, told apart by the underline. */
  .body a {
    color: inherit;
    text-decoration: underline;
  }
  .inbound .bubble {
    background: ${color.inboundBubble};
    border-end-start-radius: ${radius.s};
  }
  .outbound .bubble {
    background: ${color.outboundBubble};
    color: ${color.outboundText};
    border-end-end-radius: ${radius.s};
  }
  .pending .bubble,
  .pending .note {
    opacity: 0.7;
  }
  .subject {
    font-weight: ${font.weightBold};
  }
  /* An email's HTML: the full width of its bubble, white as the sender designed it for. */
  .email {
    display: block;
    inline-size: min(100%, 40rem);
    min-inline-size: 16rem;
    block-size: 12rem;
    border: 1px solid ${color.border};
    border-radius: ${radius.s};
    background: #fff;
  }
  .email-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.xs} ${space.s};
    margin-block-start: ${space.xs};
    font-size: ${font.sizeS};
  }
  .email-note {
    margin: 0 0 ${space.xs};
    font-size: ${font.sizeS};
    color: ${color.textMuted};
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.xs};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .meta .channel {
    display: inline-flex;
  }
  .meta .via {
    font-weight: ${font.weightBold};
    letter-spacing: 0.02em;
  }
  .status--failed {
    color: ${color.danger};
  }
  .retry {
    padding: 0 ${space.s};
  }
  .note-row {
    align-self: flex-end;
    align-items: flex-end;
  }
  .note {
    padding: ${space.s} ${space.m};
    border: 1px solid ${color.noteBorder};
    border-radius: ${radius.m};
    background: ${color.note};
    color: ${color.noteText};
    overflow-wrap: anywhere;
  }
  .note-label {
    display: flex;
    align-items: center;
    gap: ${space.xs};
    font-size: ${font.sizeS};
    font-weight: ${font.weightBold};
  }
  .activity-row {
    align-self: center;
    max-width: 90%;
  }
  .activity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: ${space.s};
    padding: ${space.s} ${space.m};
    border: 1px dashed ${color.border};
    border-radius: ${radius.m};
    background: ${color.surfaceRaised};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
    text-align: center;
  }
  .activity a {
    color: ${color.accent};
  }
  .activity-status {
    padding: 0 ${space.s};
    border: 1px solid ${color.border};
    border-radius: 999px;
    color: ${color.text};
  }
  .activity-details {
    flex-basis: 100%;
    text-align: center;
    white-space: pre-line;
  }
  .call {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: ${space.xs} ${space.s};
    padding: ${space.s} ${space.m};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
  }
  .call .body {
    grid-column: 1 / -1;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .call-title {
    font-weight: ${font.weightBold};
  }
  .call .recording {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  audio.recording {
    width: 100%;
    max-width: 22rem;
  }
  .call .muted {
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .duration {
    color: ${color.textMuted};
    font-variant-numeric: tabular-nums;
  }
  .skeleton-bubble {
    height: 2.25rem;
    border-radius: ${radius.l};
  }
  .files {
    display: flex;
    flex-wrap: wrap;
    gap: ${space.xs};
    margin-block-start: ${space.xs};
  }
  .picture {
    display: block;
  }
  .picture img,
  .picture.skeleton {
    display: block;
    max-width: 100%;
    max-height: 16rem;
    border-radius: ${radius.m};
  }
  .picture.skeleton {
    width: 12rem;
    height: 8rem;
  }
  .file {
    display: inline-flex;
    align-items: center;
    gap: ${space.xs};
    color: inherit;
    overflow-wrap: anywhere;
  }
  .file[aria-disabled='true'] {
    pointer-events: none;
  }
  .scheduled-editor {
    display: flex;
    flex-direction: column;
    gap: ${space.xs};
    min-width: min(20rem, 100%);
  }
  .scheduled-editor label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: ${font.sizeS};
  }
  .scheduled-editor textarea {
    font: inherit;
    resize: vertical;
  }
  .editor-actions {
    display: flex;
    justify-content: flex-end;
    gap: ${space.xs};
  }
  .presence {
    display: flex;
    flex-wrap: wrap;
    gap: ${space.m};
    padding: ${space.xs} ${space.l};
    border-block-end: 1px solid ${color.border};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .presence .typing {
    color: ${color.accent};
  }
`;
