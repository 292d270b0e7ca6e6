import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const filterBarStyles = css`
  :host {
    display: grid;
    gap: ${space.s};
    padding: ${space.s} ${space.m};
    background: ${color.surface};
  }
  .search {
    display: flex;
    align-items: center;
    gap: ${space.xs};
    padding: 0 ${space.xs} 0 ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: ${color.textMuted};
  }
  .search:focus-within {
    outline: 2px solid ${color.focusRing};
    outline-offset: -1px;
  }
  input[type='search'] {
    flex: 1 1 auto;
    min-width: 0;
    padding: ${space.xs} 0;
    border: 0;
    background: transparent;
    color: ${color.text};
    font: inherit;
    outline: none;
    appearance: none;
  }
  /* Our own × clears (and clears the query too); Chromium's built-in one would only empty the box. */
  input[type='search']::-webkit-search-cancel-button {
    appearance: none;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: ${space.xs};
  }
  .filter,
  select {
    max-width: min(100%, 11rem);
    padding: 2px ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.pill};
    background: ${color.surface};
    color: ${color.text};
    font: inherit;
    font-size: ${font.sizeS};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    cursor: pointer;
  }
  .filter[aria-pressed='true'],
  select:has(option:checked:not([value=''])) {
    border-color: ${color.accent};
    background: ${color.surfaceSelected};
  }
  .filter:focus-visible,
  select:focus-visible,
  .link:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 1px;
  }
  .link {
    padding: 2px ${space.xs};
    border: 0;
    background: transparent;
    color: ${color.accent};
    font: inherit;
    font-size: ${font.sizeS};
    text-decoration: underline;
    cursor: pointer;
  }
`;
