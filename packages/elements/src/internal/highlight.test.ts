import { expect } from '@open-wc/testing';
import { leadToFirstHit } from './highlight.js';

describe('leadToFirstHit', () => {
  it('keeps a snippet whose first hit is near the start', () => {
    expect(leadToFirstHit('Any parking nearby?', [[4, 11]])).to.deep.equal({ text: 'Any parking nearby?', ranges: [[4, 11]] });
  });

  it('starts a little before a late hit, at a word boundary, and moves the ranges with it', () => {
    const text = 'Yes, two spots in the garage plus street parking.';
    const { text: shown, ranges } = leadToFirstHit(text, [[41, 48]]);
    expect(shown.startsWith('…')).to.equal(true);
    expect(shown.slice(ranges[0]![0], ranges[0]![1])).to.equal('parking');
    expect(shown.indexOf('parking')).to.be.lessThan(30);
    expect(shown.endsWith('street parking.')).to.equal(true);
  });
});
