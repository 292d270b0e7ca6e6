// What a file's bytes are, whatever it was called. A provider's (or an agent's) word for a type is
// checked against the file's first bytes for the types a browser would draw inline: a "picture"
// that is really HTML or a script is kept, but only ever served as a download.

/** Types whose first bytes say what they are. */
const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'video/mp4', test: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { type: 'audio/wav', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE' },
  { type: 'audio/ogg', test: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { type: 'audio/amr', test: (b) => b.subarray(0, 5).toString('latin1') === '#!AMR' },
  { type: 'audio/mpeg', test: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) },
];

/** Types a browser may show inline from our origin, once the bytes agree. Everything else downloads. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'audio/ogg', 'audio/amr', 'audio/mpeg', 'audio/wav']);

/** Container formats whose first bytes are shared by their audio and video kinds. */
const SAME_CONTAINER: Record<string, string> = { 'audio/mp4': 'video/mp4', 'video/3gpp': 'video/mp4', 'audio/3gpp': 'video/mp4', 'video/ogg': 'audio/ogg', 'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav' };

/** "Image/JPEG; charset=x" -> "image/jpeg"; anything unreadable -> application/octet-stream. */
export function baseType(declared: string | null | undefined): string {
  const base = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(base) ? base : 'application/octet-stream';
}

export function sniff(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null;
}

/**
 * The type a file is kept and served as: the declared one when the bytes agree (or when it is
 * not one a browser draws), else application/octet-stream.
 */
export function checkedType(declared: string | null | undefined, bytes: Buffer): string {
  const base = baseType(declared);
  const seen = sniff(bytes);
  const expected = SAME_CONTAINER[base] ?? base;
  if (INLINE.has(expected) || expected === 'application/pdf') return seen === expected ? base : 'application/octet-stream';
  // Never let a file named something harmless be drawn as a page by a browser.
  if (/^(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|application\/javascript|text\/javascript)/.test(base)) return 'application/octet-stream';
  return base;
}

/** Whether a file of this (checked) type may be shown inline rather than downloaded. */
export function isInline(type: string): boolean {
  return INLINE.has(SAME_CONTAINER[type] ?? type) || INLINE.has(type);
}

/** A file name for a provider's media, which comes with none: "photo-1.jpg". */
export function providerMediaName(type: string, position: number): string {
  const [family, sub = 'bin'] = type.split('/');
  const extension = { jpeg: 'jpg', 'octet-stream': 'bin', mpeg: 'mp3', 'x-vcard': 'vcf', vcard: 'vcf', plain: 'txt' }[sub] ?? sub.replace(/[^a-z0-9]/g, '').slice(0, 8);
  const kind = family === 'image' ? 'photo' : family === 'video' ? 'video' : family === 'audio' ? 'audio' : 'file';
  return `${kind}-${position + 1}.${extension || 'bin'}`;
}
