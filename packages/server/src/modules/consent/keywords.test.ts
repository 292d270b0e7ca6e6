import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consentIntent } from './keywords.js';

describe('what an inbound text says about consent', () => {
  it('reads the carriers’ keywords in any case, with whitespace around', () => {
    for (const word of ['STOP', 'stop', ' Stop ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'REVOKE', 'opt out', 'Opt Out\n', 'stop.']) assert.equal(consentIntent(word), 'revoke', word);
    for (const word of ['START', 'unstop', ' Start ']) assert.equal(consentIntent(word), 'grant', word);
    for (const word of ['YES', 'yes', 'Y']) assert.equal(consentIntent(word), 'confirm', word);
    assert.equal(consentIntent('help'), 'help');
  });

  it('flags a revocation in other words', () => {
    for (const text of ['please stop texting me', 'Stop sending me these messages!', 'remove me from your list', "Don't text me again", 'do not contact me', 'unsubscribe me please', 'wrong number, leave me alone']) {
      assert.equal(consentIntent(text), 'maybe_revoke', text);
    }
  });

  it('leaves alone what is no revocation', () => {
    for (const text of ['Can you stop by the house at 5?', 'Text me the address please', 'Is the 3-bed still available?', 'I will call you tomorrow', 'Yes please, Saturday works', 'START the inspection at 9?', 'The end of the month is fine']) {
      assert.equal(consentIntent(text), null, text);
    }
  });
});
