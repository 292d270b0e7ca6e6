import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const rowMenuStyles = css`
  :host {
    display: block;
  }
  dialog {
    max-width: min(28rem, calc(100vw - 2rem));
    padding: ${space.l};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
    color: ${color.text};
    box-shadow: 0 12px 32px ${color.shadow};
    font-family: ${font.family};
  }
  dialog::backdrop {
    background: ${color.overlay};
  }
  h2 {
    margin: 0 0 ${space.s};
    font-size: ${font.sizeL};
  }
  p {
    margin: 0 0 ${space.m};
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: ${space.s};
  }
  .button.danger {
    border-color: ${color.danger};
    background: ${color.danger};
    color: ${color.dangerText};
    font-weight: ${font.weightBold};
  }
  .button.danger:hover {
    background: ${color.danger};
    filter: brightness(1.1);
  }
  /* "Back" points the way the menu reads: rightwards, right to left. */
  .flip {
    display: contents;
  }
  :host(:dir(rtl)) .flip .icon {
    transform: scaleX(-1);
  }
`;
