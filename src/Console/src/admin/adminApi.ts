import { request } from '../api/http';
import type { Channel, OperatorDto } from '../api/types';

export const CHANNELS: Channel[] = ['WebChat', 'WhatsApp', 'Sms', 'Messenger', 'Telegram', 'Email'];
export const CHANNEL_LABELS: Record<string, string> = {
  WebChat: 'Web chat',
  WhatsApp: 'WhatsApp',
  Sms: 'SMS',
  Messenger: 'Messenger',
  Telegram: 'Telegram',
  Email: 'Email',
};
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export interface TeamDto {
  id: number;
  name: string;
  channels: string[];
  skills: string[];
  pageGroups: string[];
  memberIds: number[];
}
export type TeamRequest = Omit<TeamDto, 'id'>;

export interface RoutingRuleDto {
  id: number;
  name: string;
  position: number;
  enabled: boolean;
  channel: string | null;
  pageGroup: string | null;
  language: string | null;
  keywords: string[];
  teamId: number | null;
  skills: string[];
  overflowAfterSeconds: number;
}
export type RoutingRuleRequest = Omit<RoutingRuleDto, 'id' | 'position'>;

export interface SlaPolicySetting {
  channel: string;
  firstResponseSeconds: number;
  nextResponseSeconds: number;
  businessHours: boolean;
}
export interface OpeningHoursSettings {
  alwaysOpen: boolean;
  timeZone: string;
  weekly: Record<string, string>;
  closedDays: string[];
}
export interface AuditEntryDto {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}
export interface OperatorUpdate {
  email?: string;
  displayName?: string;
  role?: string;
  liveCapacity?: number;
  asyncCapacity?: number;
  skills?: string[];
  languages?: string[];
}

const id = (n: number) => encodeURIComponent(String(n));

export const adminApi = {
  operators: () => request<OperatorDto[]>('GET', '/api/operators'),
  createOperator: (body: { email: string; displayName: string; password: string; role: string }) => request<OperatorDto>('POST', '/api/operators', body),
  updateOperator: (operatorId: number, body: OperatorUpdate) => request<OperatorDto>('PUT', `/api/operators/${id(operatorId)}`, body),
  disable: (operatorId: number) => request<OperatorDto>('POST', `/api/operators/${id(operatorId)}/disable`),
  enable: (operatorId: number) => request<OperatorDto>('POST', `/api/operators/${id(operatorId)}/enable`),
  resetPassword: (operatorId: number, password: string) => request<void>('POST', `/api/operators/${id(operatorId)}/password`, { password }),
  teams: () => request<TeamDto[]>('GET', '/api/teams'),
  createTeam: (body: TeamRequest) => request<TeamDto>('POST', '/api/teams', body),
  updateTeam: (teamId: number, body: TeamRequest) => request<TeamDto>('PUT', `/api/teams/${id(teamId)}`, body),
  deleteTeam: (teamId: number) => request<void>('DELETE', `/api/teams/${id(teamId)}`),
  rules: () => request<RoutingRuleDto[]>('GET', '/api/routing/rules'),
  createRule: (body: RoutingRuleRequest) => request<RoutingRuleDto>('POST', '/api/routing/rules', body),
  deleteRule: (ruleId: number) => request<void>('DELETE', `/api/routing/rules/${id(ruleId)}`),
  sla: () => request<{ policies: SlaPolicySetting[] }>('GET', '/api/settings/sla'),
  saveSla: (policies: SlaPolicySetting[]) => request<{ policies: SlaPolicySetting[] }>('PUT', '/api/settings/sla', { policies }),
  openingHours: () => request<OpeningHoursSettings>('GET', '/api/settings/opening-hours'),
  saveOpeningHours: (body: OpeningHoursSettings) => request<OpeningHoursSettings>('PUT', '/api/settings/opening-hours', body),
  audit: (before?: number) => request<AuditEntryDto[]>('GET', `/api/audit${before ? `?before=${before}` : ''}`),
};

/** "a, b ,c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
