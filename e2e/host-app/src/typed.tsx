// Every element in TSX, type-checked against the installed package's typings (the test runs tsc
// on this file): attributes, properties and events with their typed details.
import '@convkit/elements/react';
import type { ConvClient } from '@convkit/sdk';

export function EveryElement({ client }: { client: ConvClient }) {
  return (
    <conv-provider client={client}>
      <conv-inbox conversation-id="" style={{ height: '80vh' }} onconv-conversation-selected={(e) => e.detail.conversationId.toUpperCase()} />
      <conv-list group="inspector" view="unread" no-tabs onconv-selection-change={(e) => e.detail.ids.length} onconv-conversation-select={(e) => e.preventDefault()} />
      <conv-view-tabs />
      <conv-filter-bar group="agent" />
      <conv-bulk-bar onconv-bulk-complete={(e) => e.detail.changed} />
      <conv-row-menu />
      <conv-thread conversation-id="" />
      <conv-composer conversation-id="" onconv-message-sent={(e) => e.detail.message.id} />
      <contact-panel contact-id="" />
      <conv-connection-status />
      <conv-unread-badge max={99} />
    </conv-provider>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error: no such property (TypeScript lets hyphenated names through unchecked) */}
      <conv-inbox tokn="x" />
      {/* @ts-expect-error: the detail has no such field */}
      <conv-list onconv-conversation-selected={(e) => e.detail.nothing} />
      {/* @ts-expect-error: max is a number */}
      <conv-unread-badge max={{}} />
    </>
  );
}
