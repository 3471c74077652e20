/** The hub's /api/reports/… answers (see src/Hub/Reports/ReportDtos.cs). */
export interface VolumeReport {
  conversations: number;
  newContacts: number;
  returningContacts: number;
  cells: { channel: string; day: string; hour: number; conversations: number }[];
}
export interface ResponseReport {
  channels: { channel: string; responses: number; p50: number; p90: number; p99: number; histogram: { label: string; count: number }[] }[];
}
export interface AttainmentReport {
  measured: number;
  met: number;
  attainment: number | null;
  days: { date: string; channel: string; measured: number; met: number; attainment: number }[];
}
export interface BreachReport {
  breaches: number;
  byReason: { channel: string; reason: string; breaches: number }[];
}
export interface TurnedAwayReport {
  pageViewsBusy: number;
  chatsRefused: number;
  days: { date: string; pageViewsBusy: number; chatsRefused: number }[];
}
export interface OperatorReport {
  operators: {
    operatorId: number;
    name: string;
    conversations: number;
    firstResponses: number;
    meanFirstResponseSeconds: number | null;
    firstResponsesMet: number;
    csatRatings: number;
    csatAverage: number | null;
    breaches: number;
    meanHandleSeconds: number | null;
    onlineSeconds: number | null;
    busySeconds: number | null;
    occupancy: number | null;
  }[];
}
export interface ResolutionReport {
  channels: { channel: string; resolved: number; p50: number; p90: number; p99: number }[];
}
export interface EngagementReport {
  rules: { ruleId: number; rule: string; pageGroup: string; shown: number; accepted: number; converted: number }[];
}
export interface StaffingPlan {
  handleSeconds: number;
  slots: { day: string; time: string; arrivalsPerHour: number; erlangs: number; slots: number; operators: number; serviceLevel: number }[];
}
export interface TopicReport {
  messages: number;
  questions: { question: string; conversations: number; meanFirstResponseSeconds: number | null; csatAverage: number | null }[];
}

export interface Reports {
  volume: VolumeReport;
  response: ResponseReport;
  resolution: ResolutionReport;
  engagement: EngagementReport;
  attainment: AttainmentReport;
  breaches: BreachReport;
  turnedAway: TurnedAwayReport;
  operators: OperatorReport;
  staffing: StaffingPlan;
  topics: TopicReport;
}
