import { request } from '../api/http';

export type ConditionKind = 'Dwell' | 'CartValue' | 'Visits' | 'PageViews' | 'ExitIntent' | 'Returning';

export interface RuleCondition {
  kind: ConditionKind;
  value?: number | null;
  percentile?: number | null;
  weight: number;
}

export interface EngagementRule {
  id: number;
  name: string;
  enabled: boolean;
  pages: string;
  conditions: RuleCondition[];
  threshold: number;
  greeting: Record<string, string>;
  priority: number;
}

export type EngagementRuleInput = Omit<EngagementRule, 'id'>;

export interface PageRule {
  id: number;
  pattern: string;
  exclude: boolean;
}

export interface ConditionResult {
  kind: ConditionKind;
  expected: string;
  actual: string;
  met: boolean;
  weight: number;
}

export interface RuleEvaluation {
  ruleId: number;
  name: string;
  pageMatches: boolean;
  score: number;
  threshold: number;
  passed: boolean;
  conditions: ConditionResult[];
}

export interface GateResult {
  allowed: boolean;
  reason: string;
}

export interface EngagementDecision {
  greet: boolean;
  ruleId: number | null;
  text: string | null;
  reason: string;
  at: string;
  capacity: GateResult;
  frequencyCap: GateResult;
  rules: RuleEvaluation[];
}

export interface LiveVisitor {
  visitorId: string;
  path: string;
  title: string | null;
  dwellSeconds: number;
  scrollDepth: number;
  pageViews: number;
  visits: number;
  returning: boolean;
  cartValue: number | null;
  name: string | null;
  score: number;
  lastSeen: string;
  lastDecision: EngagementDecision | null;
}

export interface RuleEffect {
  ruleId: number;
  name: string;
  enabled: boolean;
  matched: number;
  greeted: number;
  accepted: number;
  dismissed: number;
  converted: number;
  ratings: number;
  averageCsat: number | null;
}

const id = (v: number | string) => encodeURIComponent(String(v));

export const engagementApi = {
  pageRules: () => request<PageRule[]>('GET', '/api/targeting/page-rules'),
  addPageRule: (pattern: string, exclude: boolean) => request<PageRule>('POST', '/api/targeting/page-rules', { pattern, exclude }),
  updatePageRule: (rule: PageRule) => request<PageRule>('PUT', `/api/targeting/page-rules/${id(rule.id)}`, { pattern: rule.pattern, exclude: rule.exclude }),
  deletePageRule: (ruleId: number) => request<void>('DELETE', `/api/targeting/page-rules/${id(ruleId)}`),
  rules: () => request<EngagementRule[]>('GET', '/api/engagement/rules'),
  addRule: (rule: EngagementRuleInput) => request<EngagementRule>('POST', '/api/engagement/rules', rule),
  updateRule: (ruleId: number, rule: EngagementRuleInput) => request<EngagementRule>('PUT', `/api/engagement/rules/${id(ruleId)}`, rule),
  deleteRule: (ruleId: number) => request<void>('DELETE', `/api/engagement/rules/${id(ruleId)}`),
  visitors: () => request<LiveVisitor[]>('GET', '/api/engagement/visitors'),
  decision: (visitorId: string) => request<EngagementDecision>('GET', `/api/engagement/visitors/${id(visitorId)}/decision`),
  startChat: (visitorId: string, text: string) => request<{ id: number }>('POST', `/api/engagement/visitors/${id(visitorId)}/chat`, { text }),
  effect: () => request<RuleEffect[]>('GET', '/api/engagement/effect'),
};
