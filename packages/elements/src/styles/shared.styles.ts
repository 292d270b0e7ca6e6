import { css } from 'lit';
import { color, font, radius, space, tokenDeclarations } from './tokens.js';

/**
 * Host defaults every element shares: the tokens, font, colour, box sizing, `hidden` that works,
 * and the theme: the page's color-scheme unless `theme` says light, dark or auto (the system's).
 */
export const hostStyles = css`
  :host {
    ${tokenDeclarations}
    box-sizing: border-box;
    font-family: ${font.family};
    font-size: ${font.sizeM};
    line-height: ${font.lineHeight};
    color: ${color.text};
  }
  :host([hidden]) {
    display: none !important;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  /* Declared under its public name so that the elements inside follow. */
  :host([density='compact']) {
    --conv-density-scale: 0.6;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Loading, empty and error blocks, the same in every element. */
export const stateStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: ${space.s};
    padding: ${space.xl} ${space.l};
    color: ${color.textMuted};
    text-align: center;
  }
  .state--error {
    color: ${color.danger};
  }
  /* A failed action's message with a Dismiss button (see internal/notice.ts). */
  .notice {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: ${space.s};
    padding: ${space.s} ${space.m};
    background: ${color.warningSurface};
    color: ${color.danger};
    font-size: ${font.sizeS};
  }
  .skeleton {
    display: block;
    border-radius: ${radius.s};
    background: ${color.skeleton};
    animation: conv-pulse 1.4s ease-in-out infinite;
  }
  @keyframes conv-pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .button {
    font: inherit;
    font-size: ${font.sizeS};
    padding: ${space.xs} ${space.m};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: ${color.text};
    cursor: pointer;
  }
  .button:hover {
    background: ${color.surfaceRaised};
  }
  .button:focus-visible {
    outline: 2px solid ${color.focusRing};
    outline-offset: 2px;
  }
  .button[disabled] {
    cursor: default;
    opacity: 0.55;
  }
`;
