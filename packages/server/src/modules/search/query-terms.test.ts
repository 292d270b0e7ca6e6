import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fts5String, fts5Substrings, fts5WordPrefixes, likeContains, tsPrefixQuery } from './match-syntax.js';
import { parseQuery } from './query-terms.js';

describe('what a typed query means', () => {
  it('nothing searchable: blank or only punctuation', () => {
    for (const query of ['', '   ', '%', '_', '*', '"', '-', '()', '" - * "', '\u0000', '%%% ___']) assert.equal(parseQuery(query), null, JSON.stringify(query));
  });

  it('a phone number in any format is its digits; fewer than three are not a phone search', () => {
    for (const typed of ['(555) 020-0003', '555-0200003', '+1 555 020 0003', '555.020.0003']) {
      assert.match(parseQuery(typed)?.phoneDigits ?? '', /^1?5550200003$/, typed);
    }
    assert.equal(parseQuery('0200003')?.phoneDigits, '0200003');
    assert.equal(parseQuery('02')?.phoneDigits, null);
    assert.equal(parseQuery('Maria 555')?.phoneDigits, null, 'letters: not a phone number');
    assert.deepEqual(parseQuery('(555) 020-0003')?.contactTerms, [], "a number's pieces are not name pieces");
  });

  it('name and email pieces: lowercased, without the punctuation around them', () => {
    const terms = parseQuery('  "Maria," GONZALEZ @Example.com ')!;
    assert.deepEqual(terms.contactTerms, ['maria', 'gonzalez', '@example.com']);
    assert.deepEqual(terms.words, ['maria', 'gonzalez', 'example', 'com']);
  });

  it('pieces under three letters are word prefixes of the name or email, not message words', () => {
    const terms = parseQuery('Al Ri')!;
    assert.deepEqual(terms.contactTerms, []);
    assert.deepEqual(terms.contactPrefixes, ['al', 'ri']);
    assert.deepEqual(terms.words, []);
  });

  it('message words are letter and digit runs of three or more', () => {
    assert.deepEqual(parseQuery('Parking-lot at 10am, 3-bed')?.words, ['parking', 'lot', '10am', 'bed']);
    assert.deepEqual(parseQuery('café Noël')?.words, ['café', 'noël']);
  });

  it('huge input is cut down, never refused', () => {
    const long = parseQuery('a'.repeat(1000))!;
    assert.equal(long.contactTerms[0]!.length, 64);
    const many = parseQuery(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '))!;
    assert.ok(many.words.length <= 8 && many.contactTerms.length <= 8);
    assert.deepEqual(parseQuery('gazebo '.repeat(200))?.words, ['gazebo']);
  });
});

describe('terms as engine syntax', () => {
  it('FTS5 strings keep operators and quotes literal', () => {
    assert.equal(fts5String('say "hi" NEAR(x)'), '"say ""hi"" NEAR(x)"');
    assert.equal(fts5WordPrefixes(['or', 'near']), '"or"* AND "near"*');
    assert.equal(fts5Substrings(['name', 'email'], ['a"b']), '{name email} : "a""b"');
  });

  it('LIKE patterns escape their wildcards', () => {
    assert.equal(likeContains('50%_off\\'), '%50\\%\\_off\\\\%');
  });

  it('tsquery lexemes are quoted prefixes', () => {
    assert.equal(tsPrefixQuery(['maple', "o'neil"]), "'maple':* & 'o''neil':*");
    assert.equal(tsPrefixQuery(['a', 'b'], '|'), "'a':* | 'b':*");
  });
});
