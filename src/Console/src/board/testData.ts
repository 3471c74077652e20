import type { Channel } from '../api/types';
import type { ChannelBoardDto, SlaBoardDto, SlaClockDto } from './types';

export function channelRow(channel: Channel, overrides: Partial<ChannelBoardDto> = {}): ChannelBoardDto {
  return {
    channel,
    firstResponseTargetSeconds: channel === 'WebChat' ? 30 : 300,
    nextResponseTargetSeconds: channel === 'WebChat' ? 30 : 300,
    businessHours: false,
    waitingNow: 0,
    oldestWaitingSince: null,
    oldestWaitSeconds: null,
    atRisk: 0,
    breachedToday: 0,
    attainmentLastHour: null,
    attainmentToday: null,
    medianFirstResponseSeconds: null,
    attainment: [],
    ...overrides,
  };
}

export function clock(conversationId: number, now: number, overrides: Partial<SlaClockDto> = {}): SlaClockDto {
  return {
    conversationId,
    channel: 'WebChat',
    contactName: `Visitor ${conversationId}`,
    conversationState: 'Waiting',
    assignedOperatorId: null,
    assignedOperatorName: null,
    kind: 'FirstResponse',
    startedAt: new Date(now).toISOString(),
    atRiskAt: new Date(now + 22_500).toISOString(),
    dueAt: new Date(now + 30_000).toISOString(),
    state: 'OnTrack',
    ...overrides,
  };
}

export function board(now: number, overrides: Partial<SlaBoardDto> = {}): SlaBoardDto {
  return {
    generatedAt: new Date(now).toISOString(),
    dayStart: new Date(now - 3600_000).toISOString(),
    timeZone: 'UTC',
    channels: [channelRow('WebChat'), channelRow('Email')],
    operators: [],
    atRisk: [],
    ...overrides,
  };
}
