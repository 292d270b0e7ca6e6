// How many SMS a text goes out as, counted the way Twilio's message segment calculator counts
// (the test in packages/sdk/test checks this against it, character by character and on a thousand
// mixed texts). An SMS carries 140 bytes. A text written only in the GSM-7 alphabet takes 7
// bits a character (160 in one SMS; the extension characters such as € or [ take two); any other
// character sends the whole text as UCS-2, 16 bits a UTF-16 unit (70 in one SMS). A longer text is
// split, each part giving 6 bytes to the header that joins them (153 and 67 characters a part),
// and a character (a grapheme: an emoji with its modifiers stays whole) is never split.
// Written here rather than taken from the calculator itself: its grapheme splitting is too slow
// for every keystroke of a long reply (bench/sms-count.mjs measures both); Intl.Segmenter is
// built in, and a text in GSM-7 alone needs no segmenting at all.

/** The GSM 03.38 basic alphabet: 7 bits each. */
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Its extension table, reached through an escape: 14 bits each. */
const GSM_EXTENDED = '\f^{}\\[~]|€';

const SEPTETS = new Map<number, number>([...[...GSM_BASIC].map((c) => [c.charCodeAt(0), 1] as const), ...[...GSM_EXTENDED].map((c) => [c.charCodeAt(0), 2] as const)]);

/** Bits in one SMS, and in each part of a split one (the rest is the part's header). */
const SMS_BITS = 1120;
const PART_BITS = SMS_BITS - 48;

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** SMS the text goes out as (1 for an empty text). */
  segments: number;
  /** Characters that still fit in the last one (UTF-16 units for UCS-2). */
  remaining: number;
  /** The characters that make the text UCS-2, each once, in the order they first appear. */
  nonGsm: string[];
}

let segmenter: Intl.Segmenter | undefined;

/** The text's graphemes; a CR LF pair counts as its two characters, as the calculator counts it. */
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const found: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment === '\r\n') found.push('\r', '\n');
    else found.push(segment);
  }
  return found;
}

export function countSms(text: string): SmsCount {
  let gsm = true;
  for (let i = 0; i < text.length && gsm; i++) gsm = SEPTETS.has(text.charCodeAt(i));
  if (gsm) {
    // Every GSM-7 character is its own grapheme (CR LF aside, counted as two anyway).
    const sizes = Array.from(text, (c) => SEPTETS.get(c.charCodeAt(0))! * 7);
    return { encoding: 'GSM-7', ...pack(sizes, 7), nonGsm: [] };
  }
  const split = graphemes(text);
  const nonGsm = new Set(split.filter((g) => g.length !== 1 || !SEPTETS.has(g.charCodeAt(0))));
  return { encoding: 'UCS-2', ...pack(split.map((g) => g.length * 16), 16), nonGsm: [...nonGsm] };
}

/** Parts of `sizes` (bits, in order, none split), and the characters left in the last part. */
function pack(sizes: number[], bitsPerCharacter: number): { segments: number; remaining: number } {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= SMS_BITS) return { segments: 1, remaining: Math.floor((SMS_BITS - total) / bitsPerCharacter) };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > PART_BITS) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { segments, remaining: Math.max(0, Math.floor((PART_BITS - used) / bitsPerCharacter)) };
}
