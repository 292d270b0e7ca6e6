import { css } from 'lit';
import { color, font, radius, space } from '../../styles/tokens.js';

export const contactPanelStyles = css`
  :host {
    display: block;
    background: ${color.surface};
    overflow-y: auto;
  }
  .card {
    display: grid;
    gap: ${space.m};
    padding: ${space.l};
  }
  h2 {
    margin: 0;
    font-size: ${font.sizeL};
    font-weight: ${font.weightBold};
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: ${space.xs} ${space.m};
    margin: 0;
  }
  dt {
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  a {
    color: ${color.accent};
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: ${space.xs};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tag {
    padding: 0 ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.pill};
    background: ${color.surfaceRaised};
    font-size: ${font.sizeS};
  }
  .muted {
    color: ${color.textMuted};
  }
  ::slotted(*) {
    display: block;
    margin: 0 ${space.l} ${space.l};
  }
  .call-action,
  .call-form-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .call-form {
    display: grid;
    gap: ${space.xs};
  }
  .call-form input {
    font: inherit;
    padding: ${space.xs} ${space.s};
    border: 1px solid ${color.border};
    border-radius: ${radius.s};
    background: ${color.surface};
    color: inherit;
  }
  .call-error {
    color: ${color.danger};
    font-size: ${font.sizeS};
  }
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: ${color.accent};
    font: inherit;
    font-size: ${font.sizeS};
    text-decoration: underline;
    cursor: pointer;
  }
  .host-cards ul {
    display: grid;
    gap: ${space.s};
    margin: 0;
    padding: ${space.s} ${space.m};
    list-style: none;
  }
  .host-card {
    display: grid;
    gap: ${space.xs};
    padding: ${space.s} ${space.m};
    border: 1px solid ${color.border};
    border-radius: ${radius.m};
    background: ${color.surface};
  }
  .host-card-kind,
  .host-card-subtitle {
    color: ${color.textMuted};
    font-size: ${font.sizeS};
  }
  .host-card-title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .host-card-title a {
    color: ${color.accent};
  }
  .host-card-facts,
  .host-card-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${space.s};
  }
  .host-card-status {
    padding: 0 ${space.s};
    border: 1px solid ${color.border};
    border-radius: 999px;
    font-size: ${font.sizeS};
  }
  .host-card-amount {
    font-variant-numeric: tabular-nums;
  }
`;
