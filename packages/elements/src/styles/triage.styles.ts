import { css } from 'lit';
import { color, font, radius, space } from './tokens.js';

/** Label chips, the assignee badge, the star and icon buttons: shared by list, thread and menus. */
export const triageStyles = css`
  .icon {
    flex: none;
    display: block;
  }
  .labels {
    display: inline-flex;
    flex-wrap: wrap;
    gap: ${space.xs};
    min-width: 0;
  }
  .label-chip {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    max-width: 10rem;
    padding: 0 0.45em;
    border: 1px solid color-mix(in srgb, var(--conv-label-color, #59636e) 45%, transparent);
    border-radius: ${radius.pill};
    background: color-mix(in srgb, var(--conv-label-color, #59636e) 12%, transparent);
    color: ${color.text};
    font-size: 0.75rem;
    line-height: 1.35;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .label-chip::before,
  .swatch {
    content: '';
    flex: none;
    width: 0.55em;
    height: 0.55em;
    border-radius: ${radius.pill};
    background: var(--conv-label-color, #59636e);
  }
  .swatch {
    display: inline-block;
    width: 0.7rem;
    height: 0.7rem;
  }
  .assignee {
    flex: none;
    display: inline-grid;
    place-items: center;
    min-width: 1.4rem;
    height: 1.4rem;
    padding: 0 0.2rem;
    border-radius: ${radius.pill};
    background: ${color.surfaceSelected};
    color: ${color.text};
    font-size: 0.6875rem;
    font-weight: ${font.weightBold};
  }
  .starred {
    color: ${color.star};
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    padding: 0;
    border: 0;
    border-radius: ${radius.s};
    background: transparent;
    color: ${color.textMuted};
    cursor: pointer;
  }
  .icon-button:hover {
    background: ${color.surfaceRaised};
    color: ${color.text};
  }
  .icon-button:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 1px;
  }
  .icon-button.starred {
    color: ${color.star};
  }
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0 ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.pill};
    background: ${color.surfaceRaised};
    color: ${color.textMuted};
    font-size: 0.75rem;
  }
  mark {
    background: ${color.highlight};
    color: inherit;
    border-radius: 2px;
  }
`;

/** A popover (the native Popover API: top layer, light dismiss, Escape) for menus and pickers. */
export const popoverStyles = css`
  [popover] {
    position: fixed;
    inset: auto;
    margin: 0;
    min-width: 14rem;
    max-width: min(22rem, calc(100vw - 1rem));
    max-height: min(24rem, calc(100vh - 1rem));
    overflow: auto;
    padding: ${space.xs};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: ${color.text};
    box-shadow: 0 8px 24px ${color.shadow};
    font-family: ${font.family};
    font-size: ${font.sizeM};
  }
  .menu-item {
    display: flex;
    align-items: center;
    gap: ${space.s};
    width: 100%;
    padding: ${space.s} ${space.m};
    border: 0;
    border-radius: ${radius.s};
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .menu-item:hover,
  .menu-item:focus-visible {
    background: ${color.surfaceRaised};
    outline: none;
  }
  .menu-item:focus-visible {
    box-shadow: inset 0 0 0 2px ${color.focusRing};
  }
  .menu-item[aria-pressed='true'] {
    font-weight: ${font.weightBold};
  }
  .menu-item .hint {
    margin-inline-start: auto;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .menu-item.danger {
    color: ${color.danger};
  }
  .menu-separator {
    height: 1px;
    margin: ${space.xs} 0;
    background: ${color.border};
  }
  .menu-heading {
    display: flex;
    align-items: center;
    gap: ${space.xs};
    padding: ${space.xs} ${space.s};
    color: ${color.textMuted};
    font-size: ${font.sizeS};
    font-weight: ${font.weightBold};
  }
  .picker-state {
    margin: 0;
    padding: ${space.s} ${space.m};
    color: ${color.textMuted};
  }
  .picker-search {
    width: 100%;
    margin-bottom: ${space.xs};
    padding: ${space.xs} ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.s};
    background: ${color.surface};
    color: inherit;
    font: inherit;
  }
  .picker-search:focus-visible,
  .picker-list:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 1px;
  }
  .picker-option {
    display: flex;
    align-items: center;
    gap: ${space.s};
    padding: ${space.s} ${space.m};
    border-radius: ${radius.s};
    cursor: pointer;
  }
  .picker-option:hover,
  .picker-option.active {
    background: ${color.surfaceRaised};
  }
  .picker-option.active {
    box-shadow: inset 0 0 0 2px ${color.focusRing};
  }
  .picker-option[aria-selected='true'] {
    font-weight: ${font.weightBold};
  }
  .picker-option .hint {
    margin-inline-start: auto;
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .picker-empty {
    padding: ${space.s} ${space.m};
    color: ${color.textMuted};
  }
`;
