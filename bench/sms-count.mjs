// The composer's SMS count, run on every keystroke: a 1,600-character reply (Twilio's longest) in
// GSM-7 and in UCS-2, counted by countSms (@convkit/sdk) beside Twilio's own calculator
// (sms-segments-calculator, which its test checks it against) in the same run. Target: well under
// a frame (16.7 ms): <= 1 ms a count.
import { median } from './median.mjs';
import { createRequire } from 'node:module';
import { countSms } from '@convkit/sdk';

const require = createRequire(new URL('../packages/sdk/test/package.json', import.meta.url));
const { SegmentedMessage } = require('sms-segments-calculator');
const TARGET_MS = 1;

const texts = {
  'GSM-7, 1,600 characters': 'Your inspection report for 12 Oak Lane is ready [ref €42]. '.repeat(30).slice(0, 1600),
  'UCS-2, 1,600 characters': 'Your inspection report is ready 🏡 “see you soon” '.repeat(40).slice(0, 1600),
};

console.log(`${'text'.padEnd(26)} ${'Twilio calculator'.padStart(18)} ${'countSms'.padStart(10)}  ratio   SMS`);
for (const [label, text] of Object.entries(texts)) {
  const baseline = median(() => new SegmentedMessage(text).segmentsCount);
  const ours = median(() => countSms(text));
  const { encoding, segments } = countSms(text);
  console.log(`${label.padEnd(26)} ${`${baseline.toFixed(3)} ms`.padStart(18)} ${`${ours.toFixed(3)} ms`.padStart(10)}  ${(ours / baseline).toFixed(3)}x  ${segments} (${encoding})  ${ours <= TARGET_MS ? 'met' : 'NOT met'} (target <= ${TARGET_MS} ms)`);
}
