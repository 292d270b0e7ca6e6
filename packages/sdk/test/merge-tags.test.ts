// renderMergeTags, the one renderer the composer's preview and the server's send share.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMergeTags, mergeTagErrorMessage, type MergeContext } from '@convkit/sdk';

const context: MergeContext = {
  contact: { firstName: 'Maria', lastName: 'Gonzalez', phone: '+15551230001', email: null, custom: { property: '14 Harbor Lane', empty: ' ' }, owner: { name: 'Alex Rivera' } },
  customValues: { office_phone: '(555) 010-2000', blank: '' },
};

const render = (text: string, ctx = context) => renderMergeTags(text, ctx);

describe('renderMergeTags', () => {
  it('fills every kind of tag, with or without spaces inside the braces', () => {
    assert.deepEqual(render('Hi {{contact.first_name}} {{ contact.last_name }}, about {{contact.custom.property}}: call {{custom_values.office_phone}} or {{contact.owner.name}} on {{contact.phone}}.'), {
      text: 'Hi Maria Gonzalez, about 14 Harbor Lane: call (555) 010-2000 or Alex Rivera on +15551230001.',
    });
  });

  it('uses the fallback, in double or single quotes, when the value is empty, and only then', () => {
    assert.deepEqual(render('{{contact.email | "no email"}} {{ contact.first_name | "there" }} {{contact.custom.empty|\'n/a\'}} {{contact.custom.unset | "none"}} {{custom_values.blank | "—"}}'), {
      text: 'no email Maria n/a none —',
    });
    const nobody = { ...context, contact: { ...context.contact, firstName: '', owner: null } };
    assert.deepEqual(render('Hi {{contact.first_name | "there"}}, {{contact.owner.name | "our team"}} here', nobody), { text: 'Hi there, our team here' });
    assert.deepEqual(render('Hi {{contact.first_name}}!', nobody), { text: 'Hi !' });
  });

  it('says which tag names nothing, or is not a tag, and where', () => {
    assert.deepEqual(render('Hi {{contact.nickname}}'), { error: { code: 'unknown', tag: '{{contact.nickname}}', index: 3 } });
    assert.deepEqual(render('{{custom_values.missing}}'), { error: { code: 'unknown', tag: '{{custom_values.missing}}', index: 0 } });
    assert.deepEqual(render('{{contact.custom.bad-key}}'), { error: { code: 'malformed', tag: '{{contact.custom.bad-key}}', index: 0 } });
    assert.deepEqual(render('Hi {{contact.first_name'), { error: { code: 'malformed', tag: '{{contact.first_name', index: 3 } });
    assert.deepEqual(render('{{contact.first_name | there}}'), { error: { code: 'malformed', tag: '{{contact.first_name | there}}', index: 0 } });
    assert.deepEqual(render('{{}}'), { error: { code: 'malformed', tag: '{{}}', index: 0 } });
    const unknown = render('{{contact.nickname}}');
    assert.ok('error' in unknown);
    assert.match(mergeTagErrorMessage(unknown.error), /^\{\{contact\.nickname\}\} names nothing: use one of \{\{contact\.first_name\}\}/);
  });

  it('leaves text with no tags, braces alone and hostile text as they are, and never reads inherited keys', () => {
    assert.deepEqual(render('Price: {5} and } and {single}'), { text: 'Price: {5} and } and {single}' });
    const hostile = `\u0000\ud800${'x'.repeat(100_000)}`;
    assert.deepEqual(render(hostile), { text: hostile });
    assert.deepEqual(render('{{custom_values.constructor}}'), { error: { code: 'unknown', tag: '{{custom_values.constructor}}', index: 0 } });
    assert.deepEqual(render('{{contact.custom.toString | "x"}}'), { text: 'x' });
  });
});
