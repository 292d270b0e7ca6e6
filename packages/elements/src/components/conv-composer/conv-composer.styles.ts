import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const composerStyles = css`
  :host {
    display: block;
    background: ${color.surface};
    border-top: 1px solid ${color.border};
  }
  form {
    display: grid;
    gap: ${space.s};
    padding: ${space.m} ${space.l};
  }
  textarea,
  .subject {
    width: 100%;
    min-height: 2.75rem;
    max-height: var(--conv-composer-max-height, 12rem);
    field-sizing: content;
    resize: none;
    padding: ${space.s} ${space.m};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: inherit;
    font: inherit;
  }
  .subject {
    min-height: auto;
  }
  textarea:focus-visible,
  .subject:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 1px;
  }
  :host(:state(note)) textarea {
    background: ${color.note};
    border-color: ${color.noteBorder};
    color: ${color.noteText};
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .spacer {
    flex: 1;
  }
  select {
    font: inherit;
    font-size: ${font.sizeS};
    padding: ${space.xs} ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: inherit;
  }
  /* As wide as a channel's name, not as its longest "unavailable" option, so the toolbar keeps one line. */
  select[part='channel-picker'] {
    max-inline-size: 9.5rem;
  }
  .note-toggle[aria-pressed='true'] {
    background: ${color.note};
    border-color: ${color.noteBorder};
    color: ${color.noteText};
    font-weight: ${font.weightBold};
  }
  .send {
    background: ${color.accent};
    border-color: ${color.accent};
    color: ${color.accentText};
    font-weight: ${font.weightBold};
  }
  .send:hover {
    background: ${color.accent};
    filter: brightness(1.1);
  }
  .hint {
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .error {
    color: ${color.danger};
    font-size: ${font.sizeS};
  }
  .unavailable {
    color: ${color.danger};
  }
  .consent-flag {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
    font-size: ${font.sizeS};
  }
  .consent-flag span {
    flex: 1 1 12rem;
  }
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: ${space.xs};
  }
  .file {
    display: flex;
    align-items: center;
    gap: ${space.s};
    font-size: ${font.sizeS};
  }
  .file-name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .file progress {
    flex: 1 1 6rem;
    max-width: 12rem;
  }
  .file-error {
    color: ${color.danger};
  }
  .icon-only {
    display: inline-grid;
    place-items: center;
    padding-inline: ${space.s};
  }
  .emoji-panel {
    margin-block-end: ${space.s};
  }
  .emoji-picker {
    --background: ${color.surface};
    --border-color: ${color.border};
    --input-border-color: ${color.border};
    --button-hover-background: ${color.surfaceSelected};
    width: 100%;
    height: 18rem;
  }
  .schedule {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .schedule label {
    display: inline-flex;
    align-items: center;
    gap: ${space.xs};
    font-size: ${font.sizeS};
  }
  .schedule .error {
    flex-basis: 100%;
  }
  .send-group {
    display: inline-flex;
    gap: ${space.s};
    margin-inline-start: auto;
  }
  .merge-picker {
    /* "{ }" and its arrow: the tags show when it opens. */
    width: 4.25rem;
  }
  .merge-preview {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .collision {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
    padding: ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surfaceRaised};
    font-size: ${font.sizeS};
  }
  .inline-list {
    list-style: none;
    margin: 0;
    padding: ${space.xs};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    max-height: 12rem;
    overflow: auto;
  }
  .inline-list [role='option'] {
    padding: ${space.xs} ${space.s};
    border-radius: ${radius.s};
    cursor: pointer;
  }
  .inline-list [aria-selected='true'] {
    background: ${color.surfaceSelected};
  }
  .snippet-shortcut {
    margin-inline-start: ${space.s};
    color: ${color.textMuted};
  }
  .templates {
    display: flex;
    flex-direction: column;
    gap: ${space.s};
    padding: ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
  }
  .template-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .template-head input {
    flex: 1 1 10rem;
    font: inherit;
  }
  .template-list {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 14rem;
    overflow: auto;
  }
  .template-option {
    display: block;
    width: 100%;
    padding: ${space.xs} ${space.s};
    border: 0;
    border-radius: ${radius.s};
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .template-option:hover:not(:disabled),
  .template-option:focus-visible {
    background: ${color.surfaceSelected};
  }
  .template-option:disabled {
    cursor: default;
    opacity: 0.7;
  }
  .template-meta,
  .template-status {
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .template-body,
  .template-status {
    display: block;
  }
  .template-variable {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.xs} ${space.s};
    font-size: ${font.sizeS};
  }
  .template-variable input {
    flex: 1 1 12rem;
    font: inherit;
  }
  .template-variable .error {
    flex-basis: 100%;
  }
  .template-actions {
    display: flex;
    justify-content: flex-end;
  }
`;
