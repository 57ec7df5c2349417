/** A tiny element builder: `h('label', { for: 'x' }, 'Text', child)`. Attributes are set as attributes, text as text nodes. */
export function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

let ids = 0;
/** A labelled control: `<label for=id>Text <span class=hint>…</span></label>` around the control (the label names it). */
export function field(text: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f${++ids}`;
  control.id = id;
  return h('label', { for: id }, text, ...(hint ? [h('span', { class: 'hint' }, hint)] : []), control);
}
