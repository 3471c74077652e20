/** Pure rules the loader applies before anything else loads. The hub has the same glob (Targeting/PageRules.cs). */

/** A page rule as the hub serves it: p = path glob ("*" = anything), x = exclusion. */
export interface PageRule {
  p: string;
  x: boolean;
}

const glob = (p: string, path: string) =>
  new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(path);

/** Shown unless an exclusion matches; with inclusions, only where one matches. No rules: everywhere. */
export function shows(rules: PageRule[], path: string): boolean {
  return !rules.some((r) => r.x && glob(r.p, path)) && (!rules.some((r) => !r.x) || rules.some((r) => !r.x && glob(r.p, path)));
}

/** Signals are sent only when the owner enabled them, the visitor did not opt out, and (if the owner honours it) no DNT / GPC. */
export function mayTrack(enabled: boolean, optedOut: boolean, respectDnt: boolean, nav: { doNotTrack?: string | null; globalPrivacyControl?: boolean }): boolean {
  return enabled && !optedOut && !(respectDnt && (nav.doNotTrack === '1' || nav.globalPrivacyControl === true));
}
