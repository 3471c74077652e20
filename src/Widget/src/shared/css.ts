/**
 * Styles a shadow root with a constructed stylesheet: CSSOM, which a shop's strict `style-src` CSP does not
 * block (an inline <style> would need 'unsafe-inline'). Browsers without constructable stylesheets get a
 * <style> element instead.
 */
export function adoptCss(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
}
