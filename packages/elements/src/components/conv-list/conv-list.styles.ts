import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const listStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: ${color.surface};
  }
  [role='listbox'] {
    flex: 1 1 auto;
    min-height: 0;
    width: 100%;
  }
  [role='listbox']:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: -2px;
  }
  .row {
    display: flex;
    gap: ${space.m};
    align-items: flex-start;
    width: 100%;
    min-height: var(--conv-list-row-min-height, 4.25rem);
    padding: ${space.m} ${space.l};
    border-bottom: 1px solid ${color.border};
    cursor: pointer;
    user-select: none;
  }
  .row:hover {
    background: ${color.surfaceRaised};
  }
  .row[aria-selected='true'] {
    background: ${color.surfaceSelected};
    box-shadow: inset 3px 0 0 ${color.accent};
  }
  .row.active {
    outline: 2px solid ${color.focusRing};
    outline-offset: -2px;
  }
  [role='listbox']:not(:focus) .row.active {
    outline: none;
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: ${radius.pill};
    background: ${color.surfaceRaised};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
    font-weight: ${font.weightBold};
  }
  .main {
    flex: 1 1 auto;
    min-width: 0;
    display: grid;
    gap: 2px;
  }
  .line {
    display: flex;
    align-items: center;
    gap: ${space.s};
    min-width: 0;
  }
  .name,
  .snippet {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    flex: 1 1 auto;
  }
  .snippet {
    flex: 1 1 auto;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .unread .name,
  .unread .snippet {
    font-weight: ${font.weightBold};
    color: ${color.text};
  }
  time {
    flex: none;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .channel {
    flex: none;
    display: inline-flex;
    color: ${color.textMuted};
  }
  .unread-dot {
    flex: none;
    width: 0.5rem;
    height: 0.5rem;
    border-radius: ${radius.pill};
    background: ${color.unread};
  }
  .skeleton-row {
    display: flex;
    gap: ${space.m};
    padding: ${space.m} ${space.l};
    border-bottom: 1px solid ${color.border};
  }
  .skeleton-lines {
    flex: 1;
    display: grid;
    gap: ${space.s};
  }
  .more {
    padding: ${space.s};
    text-align: center;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
`;
