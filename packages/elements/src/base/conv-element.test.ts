import { expect } from '@open-wc/testing';
import { ConvElement } from './conv-element.js';

function captureWarnings(run: () => void): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('ConvElement.define', () => {
  it('registers the tag once and ignores the same class again', () => {
    class Widget extends ConvElement {}
    const tag = `conv-test-${Math.random().toString(36).slice(2, 8)}`;
    const warnings = captureWarnings(() => {
      Widget.define(tag);
      Widget.define(tag);
    });
    expect(customElements.get(tag)).to.equal(Widget);
    expect(warnings).to.deep.equal([]);
  });

  it('ignores another copy of the same version quietly (a page that loads the bundle twice)', () => {
    const tag = `conv-test-${Math.random().toString(36).slice(2, 8)}`;
    class Widget extends ConvElement {}
    Widget.define(tag);
    class SameVersionCopy extends ConvElement {}
    const warnings = captureWarnings(() => SameVersionCopy.define(tag));
    expect(customElements.get(tag)).to.equal(Widget);
    expect(warnings).to.deep.equal([]);
  });

  it('warns when another version holds the tag, and keeps the first', () => {
    const tag = `conv-test-${Math.random().toString(36).slice(2, 8)}`;
    class Widget extends ConvElement {}
    Widget.define(tag);
    class OtherVersion extends ConvElement {
      static override readonly version = '0.0.1-other';
    }
    const warnings = captureWarnings(() => OtherVersion.define(tag));
    expect(customElements.get(tag)).to.equal(Widget);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(tag).and.contain('0.0.1-other');
  });
});
