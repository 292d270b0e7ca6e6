import { css } from 'lit';
import { color, font, space } from '../../styles/tokens.js';

export const connectionStatusStyles = css`
  :host {
    display: block;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: ${space.s};
    padding: ${space.xs} ${space.l};
    background: ${color.warningSurface};
    color: ${color.warning};
    font-size: ${font.sizeS};
  }
  .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
`;
