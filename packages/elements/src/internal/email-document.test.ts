import { expect } from '@open-wc/testing';
import { nestingDepth } from './email-document.js';

describe('nestingDepth', () => {
  it('counts elements left open, "<div/>" among them, and not those HTML lets a writer leave open', () => {
    expect(nestingDepth('<div><p>One<p>Two<table><tr><td>Cell</table></div>')).to.equal(2);
    expect(nestingDepth('<div/><div/><div/>text')).to.equal(3);
    expect(nestingDepth('<br/><img src="x"/><hr>')).to.equal(0);
  });

  it('takes "/>" as the end of an element inside SVG and MathML', () => {
    expect(nestingDepth(`<div><svg>${'<path d="M0 0"/>'.repeat(500)}</svg></div>`)).to.equal(2);
    expect(nestingDepth('<svg/><div><span>x</span></div>')).to.equal(2);
    expect(nestingDepth('<math><mi/><mo/></math><div>after</div>')).to.equal(1);
    // An HTML element inside SVG takes the parser back to HTML, where "<div/>" opens a div again.
    expect(nestingDepth(`<svg>${'<div/>'.repeat(300)}</svg>`)).to.be.greaterThan(256);
  });
});
