// Merge tags, rendered on every keystroke for the composer's preview and once per send on the
// server: a 1,600-character reply holding 40 tags (fallbacks and custom fields among them),
// rendered by renderMergeTags (@convkit/sdk) beside the bare floor measured in the same run: one
// String.replace over the same text with a regex and a lookup, which checks nothing. Target: well
// under a frame (16.7 ms): <= 1 ms a render.
import { median } from './median.mjs';
import { renderMergeTags } from '@convkit/sdk';

const TARGET_MS = 1;
const context = {
  contact: { firstName: 'Maria', lastName: 'Gonzalez', phone: '+15551230001', email: null, custom: { property: '14 Harbor Lane' }, owner: { name: 'Alex Rivera' } },
  customValues: { office_phone: '(555) 010-2000' },
};
const piece = 'Hi {{contact.first_name | "there"}}, the report on {{contact.custom.property}} is in; {{contact.email | "reply with your email"}} or call {{custom_values.office_phone}}. ';
const text = piece.repeat(Math.ceil(1600 / piece.length)).slice(0, 1600).replace(/\{\{[^}]*$/, '');
const tags = (text.match(/\{\{/g) ?? []).length;
const flat = { 'contact.first_name': 'Maria', 'contact.custom.property': '14 Harbor Lane', 'contact.email': '', 'custom_values.office_phone': '(555) 010-2000' };
const floor = (t) => t.replace(/\{\{\s*([\w.]+)\s*(?:\|\s*"([^"]*)"\s*)?\}\}/g, (_, path, fallback) => flat[path] || fallback || '');

const ours = median(() => renderMergeTags(text, context));
const baseline = median(() => floor(text));
if (renderMergeTags(text, context).text !== floor(text)) throw new Error('the floor renders differently: the comparison would be unfair');
console.log(`${text.length} characters, ${tags} tags: renderMergeTags ${ours.toFixed(3)} ms, bare String.replace ${baseline.toFixed(3)} ms, ratio ${(ours / baseline).toFixed(2)}x  ${ours <= TARGET_MS ? 'met' : 'NOT met'} (target <= ${TARGET_MS} ms)`);
