import { css } from 'lit';
import { color, densityScale, font, radius, space } from '../../styles/tokens.js';

export const listStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: ${color.surface};
  }
  /* Until its chunk arrives (on the first checked row), the bar and its summary stay out of the way. */
  conv-bulk-bar:not(:defined) {
    display: none;
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
    min-height: var(--conv-list-row-min-height, calc(4.25rem * ${densityScale}));
    padding: ${space.m} ${space.l};
    border-bottom: 1px solid ${color.border};
    cursor: pointer;
    user-select: none;
  }
  .row:hover {
    background: ${color.surfaceRaised};
  }
  .row.opened,
  .row.checked {
    background: ${color.surfaceSelected};
  }
  .row.opened {
    box-shadow: inset 3px 0 0 ${color.accent};
  }
  .reloading {
    opacity: 0.6;
  }
  .check {
    flex: none;
    display: grid;
    place-items: center;
    width: 1rem;
    height: 1rem;
    margin-top: 0.6rem;
    border: 1.5px solid ${color.textMuted};
    border-radius: 3px;
    background: ${color.surface};
    color: ${color.accentText};
  }
  .row.checked .check {
    border-color: ${color.accent};
    background: ${color.accent};
  }
  .check .icon {
    width: 0.8rem;
    height: 0.8rem;
  }
  .star,
  .more {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.4rem;
    height: 1.4rem;
    border-radius: ${radius.s};
    color: ${color.textMuted};
  }
  .star:hover,
  .more:hover {
    background: ${color.surface};
    color: ${color.text};
  }
  .star.starred {
    color: ${color.star};
  }
  /* Star and ⋯ show on hover or on the keyboard's row; a star that is on always shows. */
  .row:not(:hover):not(.active) .star:not(.starred),
  .row:not(:hover):not(.active) .more {
    visibility: hidden;
  }
  .link {
    padding: 0;
    border: 0;
    background: transparent;
    color: ${color.accent};
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .link:focus-visible,
  .select-all:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 2px;
  }
  .select-all {
    margin: 0;
    accent-color: ${color.accent};
  }
  .empty-message {
    overflow-wrap: anywhere;
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
    min-width: 0;
  }
  .main .labels {
    padding-top: 2px;
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
