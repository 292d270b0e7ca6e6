import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const bulkBarStyles = css`
  :host {
    display: grid;
    gap: ${space.s};
    padding: ${space.s} ${space.m};
    border-bottom: 1px solid ${color.border};
    background: ${color.surfaceSelected};
    font-size: ${font.sizeS};
  }
  :host(:state(idle)) {
    display: none;
  }
  .selection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .actions,
  .mode {
    display: flex;
    flex-wrap: wrap;
    gap: ${space.xs};
  }
  .mode {
    margin-bottom: ${space.xs};
  }
  .mode [aria-pressed='true'] {
    border-color: ${color.accent};
    background: ${color.surfaceSelected};
    font-weight: ${font.weightBold};
  }
  .progress {
    display: flex;
    align-items: center;
    gap: ${space.s};
  }
  [role='progressbar'] {
    flex: 1 1 auto;
    height: 0.5rem;
    border-radius: ${radius.pill};
    background: ${color.surface};
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    background: ${color.accent};
    transition: width 150ms linear;
  }
  .progress-text {
    flex: none;
    font-variant-numeric: tabular-nums;
  }
  .outcome {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: ${space.s};
  }
  .outcome.state--error {
    color: ${color.danger};
  }
  .tag-form {
    display: grid;
    gap: ${space.s};
    padding: ${space.m};
  }
  .tag-form input {
    padding: ${space.xs} ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.s};
    font: inherit;
  }
  .tag-form input:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 1px;
  }
`;
