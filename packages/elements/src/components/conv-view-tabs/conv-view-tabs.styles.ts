import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const viewTabsStyles = css`
  :host {
    display: block;
    border-bottom: 1px solid ${color.border};
    background: ${color.surface};
  }
  /* Wraps rather than scrolls: in a narrow column every view stays in sight. */
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    column-gap: 2px;
    padding: 0 ${space.xs};
  }
  [role='tab'] {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: ${space.xs};
    padding: ${space.s} 0.4rem;
    border: 0;
    border-bottom: 2px solid transparent;
    background: transparent;
    color: ${color.textMuted};
    font: inherit;
    font-size: ${font.sizeS};
    cursor: pointer;
  }
  [role='tab']:hover {
    color: ${color.text};
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: ${color.accent};
    color: ${color.text};
    font-weight: ${font.weightBold};
  }
  [role='tab']:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: -2px;
    border-radius: ${radius.s};
  }
  .count {
    min-width: 1.25rem;
    padding: 0 0.3rem;
    border-radius: ${radius.pill};
    background: ${color.surfaceRaised};
    color: ${color.text};
    font-size: 0.75rem;
    font-weight: ${font.weightNormal};
    font-variant-numeric: tabular-nums;
    text-align: center;
  }
`;
