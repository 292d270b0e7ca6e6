import { css } from 'lit';
import { color, font, radius } from '../../styles/tokens.js';

export const unreadBadgeStyles = css`
  :host {
    display: inline-flex;
    vertical-align: middle;
  }
  :host(:state(empty)) {
    display: none;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    min-width: 1.25rem;
    height: 1.25rem;
    padding: 0 0.35rem;
    border-radius: ${radius.pill};
    background: ${color.badge};
    color: ${color.badgeText};
    font-size: 0.75rem;
    font-weight: ${font.weightBold};
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  :host([dot]) .badge {
    min-width: 0;
    width: 0.625rem;
    height: 0.625rem;
    padding: 0;
  }
`;
