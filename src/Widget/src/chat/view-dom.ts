/** Creates an element with a class and attributes (never content: text is set with textContent). */
export type ElementFactory = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  attrs?: Record<string, string>,
) => HTMLElementTagNameMap[K];

export function elementFactory(doc: Document): ElementFactory {
  return (tag, className, attrs = {}) => {
    const el = doc.createElement(tag);
    el.className = className;
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    return el;
  };
}
