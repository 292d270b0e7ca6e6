// countSms counts as Twilio's message segment calculator (sms-segments-calculator) does: the
// encoding of every single character of the Basic Multilingual Plane, and the encoding, SMS count,
// characters left and non-GSM characters of a thousand mixed texts of every length up to 1,600.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { countSms } from '@convkit/sdk';

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator') as typeof import('sms-segments-calculator');

/** What Twilio's calculator says of `text`, in countSms's shape. */
function twilio(text: string) {
  const message = new SegmentedMessage(text);
  const bits = message.encodingName === 'GSM-7' ? 7 : 16;
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    remaining: Math.max(0, Math.floor(message.segments.at(-1)!.freeSizeInBits() / bits)),
    nonGsm: [...new Set(message.getNonGsmCharacters())],
  };
}

/** A deterministic generator, so a failure names a text that can be found again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const PIECES = [
  ...'abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,!?-:;\'"@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà',
  '\n',
  '\r',
  '\r\n',
  ...'^{}\\[~]|€\f',
  ...'áíóúçâêôãõ“”‘’–—…',
  'e\u0301',
  '😀',
  '🏡',
  '👍🏽',
  '👩‍👩‍👧‍👦',
  '🇺🇸',
  '中文',
  'ש',
  '\u00a0',
];

describe('countSms', () => {
  it('decides the encoding of every single BMP character as Twilio does', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `a${String.fromCharCode(code)}`;
      if (countSms(text).encoding !== new SegmentedMessage(text).encodingName) differ.push(code.toString(16));
    }
    assert.deepEqual(differ, []);
  });

  it('counts SMS, characters left and non-GSM characters as Twilio does, for 1,000 mixed texts', () => {
    const next = random(20261202);
    for (let n = 0; n < 1000; n++) {
      // Mostly plain text, sometimes with one character that changes everything.
      const pool = n % 3 === 0 ? PIECES : PIECES.slice(0, 120);
      const length = Math.floor(next() * 1600);
      let text = '';
      while (text.length < length) text += pool[Math.floor(next() * pool.length)]!;
      assert.deepEqual(countSms(text), twilio(text), `text ${n}: ${JSON.stringify(text.slice(0, 80))}… (${text.length} units)`);
    }
  });

  it('at the edges: empty, exactly one SMS, one more character, an extension character at a part boundary', () => {
    for (const text of ['', 'a'.repeat(160), 'a'.repeat(161), 'a'.repeat(306), 'a'.repeat(307), `${'a'.repeat(152)}€`, `${'a'.repeat(153)}€`, 'ñ'.repeat(70), '😀'.repeat(35), '😀'.repeat(36), `${'a'.repeat(66)}👍🏽`]) {
      assert.deepEqual(countSms(text), twilio(text), JSON.stringify(text.slice(0, 20)));
    }
    assert.deepEqual(countSms('See you at 9'), { encoding: 'GSM-7', segments: 1, remaining: 148, nonGsm: [] });
  });
});
