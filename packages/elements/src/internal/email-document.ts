// An email's HTML made safe to show, in a chunk of its own (DOMPurify is most of it), fetched the
// first time a thread shows an email that has HTML. What comes out is the document of a frame
// that runs no script (its sandbox has no allow-scripts) and, by its Content-Security-Policy,
// loads nothing from the network: no script, stylesheet, font or frame ever, and the sender's
// pictures only once the agent asks, since a picture's request tells the sender the email was read.
import DOMPurify from 'dompurify';

export interface EmailDocument {
  /** The frame's whole document. */
  srcdoc: string;
  /** Pictures from the network held back (0 once they are allowed). */
  heldPictures: number;
}

/** Deeper than this (not counting elements whose end tag may be left out), the text is shown instead. */
export const MAX_NESTING = 256;

/** Elements without contents, and those whose end tag HTML lets a writer leave out (old emails do). */
const NOT_NESTING = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp']);
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/g;

/** Where a "/>" ends an element: inside SVG and MathML. In HTML it is ignored (`<div/>` opens a div). */
const FOREIGN = new Set(['svg', 'math']);
/** HTML elements whose start tag takes the parser out of SVG and MathML, back to HTML. */
const BREAKOUT = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var', 'font']);

/** How deep `html`'s elements nest, read by one pass over its tags, stopping past `limit`. */
export function nestingDepth(html: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  let foreign = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const name = match[2]!.toLowerCase();
    const closing = Boolean(match[1]);
    if (FOREIGN.has(name)) foreign = Math.max(0, foreign + (closing ? -1 : match[0].endsWith('/>') ? 0 : 1));
    else if (foreign > 0 && !closing && BREAKOUT.has(name)) foreign = 0;
    if (NOT_NESTING.has(name) || (!closing && match[0].endsWith('/>') && (foreign > 0 || FOREIGN.has(name)))) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > deepest && (deepest = depth) > limit) break;
  }
  return deepest;
}

/** A URL the browser would fetch from the network (not data:, which is inside the email). */
const REMOTE = /^\s*(https?:)?\/\//i;
const FETCHING_ATTRIBUTES = ['src', 'srcset', 'background', 'poster'];
/** A CSS url() the browser would fetch from the network (a background picture, held by the policy). */
const REMOTE_CSS = /url\(\s*['"]?\s*(https?:)?\/\//gi;
/** Sound and video never load (the policy has no media-src): their sources go, and are no picture to offer. */
const MEDIA = new Set(['video', 'audio']);

const remoteInCss = (css: string | null) => Boolean(css && css.match(REMOTE_CSS));

function policy(pictures: boolean): string {
  return `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:${pictures ? ' https: http:' : ''}`;
}

/** Margins and widths so that a narrow thread column shows the email without sideways scrolling. */
const FRAME_STYLE = 'html{color-scheme:light;background:#fff}body{margin:8px;font:14px/1.5 system-ui,sans-serif;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}';

/**
 * The frame's document for `html`, or null when it nests too deeply to show without holding up
 * the page. `pictures`: the agent asked for the sender's pictures.
 */
export function emailDocument(html: string, pictures: boolean): EmailDocument | null {
  if (nestingDepth(html) > MAX_NESTING) return null;
  const purify = DOMPurify(window);
  let heldPictures = 0;
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    // Links (HTML's and SVG's <a>, image maps' <area>) open in a tab of their own, never in the
    // frame, telling the site nothing of the inbox they came from.
    const name = node.localName.toLowerCase();
    if ((name === 'a' || name === 'area') && (node.hasAttribute('href') || node.hasAttribute('xlink:href'))) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (MEDIA.has(name) || (name === 'source' && MEDIA.has(node.parentElement?.localName ?? ''))) {
      node.removeAttribute('src');
      node.removeAttribute('srcset');
    }
    if (pictures) return;
    let held = false;
    for (const name of FETCHING_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value && (name === 'srcset' ? value.split(',').some((part) => REMOTE.test(part)) : REMOTE.test(value))) {
        node.removeAttribute(name);
        held = true;
      }
    }
    // A background in a style attribute stays: the policy holds it until the pictures are shown.
    if (held || remoteInCss(node.getAttribute('style'))) heldPictures++;
  });
  // And those of the email's style sheets.
  purify.addHook('uponSanitizeElement', (node) => {
    if (!pictures && node instanceof Element && node.localName === 'style') heldPictures += (node.textContent ?? '').match(REMOTE_CSS)?.length ?? 0;
  });
  const clean = purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    // Forms could ask for a password in the inbox's own page; nothing of them is kept.
    FORBID_TAGS: ['form', 'input', 'button', 'select', 'textarea', 'option'],
    FORBID_ATTR: ['action', 'formaction'],
  });
  // The policy and the referrer rule come first, so the parser puts them in the head before anything of the email.
  const head = `<meta http-equiv="Content-Security-Policy" content="${policy(pictures)}"><meta name="referrer" content="no-referrer"><meta http-equiv="x-dns-prefetch-control" content="off"><style>${FRAME_STYLE}</style>`;
  return { srcdoc: `<!doctype html>${head}${clean}`, heldPictures };
}
