import { css } from 'lit';
import { color } from '../../styles/tokens.js';

export const inboxStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--conv-inbox-height, 100%);
    min-height: 0;
    border: 1px solid ${color.border};
    background: ${color.surface};
    container-type: inline-size;
    overflow: hidden;
  }
  .layout {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-template-columns: var(--conv-inbox-list-width, 24rem) minmax(0, 1fr) var(--conv-inbox-panel-width, 18rem);
  }
  conv-list {
    border-inline-end: 1px solid ${color.border};
    min-height: 0;
  }
  .center {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
  }
  conv-thread {
    flex: 1 1 auto;
  }
  contact-panel {
    border-inline-start: 1px solid ${color.border};
    min-height: 0;
  }
  /* Narrow hosts: the contact panel goes first, then the list shares the width with the thread. */
  @container (max-width: 60rem) {
    .layout {
      grid-template-columns: var(--conv-inbox-list-width, 22rem) minmax(0, 1fr);
    }
    contact-panel {
      display: none;
    }
  }
  @container (max-width: 36rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    :host([conversation-id]:not([conversation-id=''])) conv-list,
    :host(:not([conversation-id])) .center,
    :host([conversation-id='']) .center {
      display: none;
    }
  }
`;
