// Building the page without innerHTML: every piece of data goes in as a text
// node, so a transcript or query containing <script> shows as text. The one
// markup we add ourselves is <mark>, placed from code-point offsets.

type Attr = string | number | boolean | null | undefined | ((ev: Event) => void);
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/u, ''), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** As h(), for SVG elements (which need their namespace); no event handlers. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: Array<Child | Child[]>
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

export function append(el: Node, children: Array<Child | Child[]>): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the contents of `el`. */
export function fill(el: Element, ...children: Array<Child | Child[]>): void {
  el.replaceChildren();
  append(el, children);
}

export interface Range {
  start: number;
  end: number;
}

/**
 * `text` with the ranges wrapped in <mark>. Offsets are Unicode code points
 * relative to the start of `text` (the API counts code points, JavaScript
 * strings UTF-16 units); ranges may overlap the edges and are clipped.
 */
export function marked(text: string, ranges: readonly Range[], markClass?: string): DocumentFragment {
  const chars = Array.from(text);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const s = Math.max(r.start, at);
    const e = Math.min(r.end, chars.length);
    if (e <= s) continue;
    if (s > at) frag.append(chars.slice(at, s).join(''));
    frag.append(h('mark', { class: markClass }, chars.slice(s, e).join('')));
    at = e;
  }
  if (at < chars.length) frag.append(chars.slice(at).join(''));
  return frag;
}

