import { request } from '../api/http';
import type { OperatorDto } from '../api/types';

/** GET/PUT /api/operators/me/alert-settings (docs/alerts.md). */
export interface AlertSettingsDto {
  telegramChatId: number | null;
  notifyWhenAway: boolean;
  /** Browsers subscribed to Web Push for me (all devices). */
  pushSubscriptions: number;
  /** The hub has a Telegram bot configured. */
  telegramAvailable: boolean;
}

/** PUT /api/operators/me/settings: null keeps the current value. */
export interface OperatorSettingsRequest {
  liveCapacity: number | null;
  asyncCapacity: number | null;
  autoAccept: boolean | null;
  skills: string[] | null;
}

export const settingsApi = {
  alertSettings: () => request<AlertSettingsDto>('GET', '/api/operators/me/alert-settings'),
  saveAlertSettings: (telegramChatId: number | null, notifyWhenAway: boolean) =>
    request<AlertSettingsDto>('PUT', '/api/operators/me/alert-settings', { telegramChatId, notifyWhenAway }),
  saveSettings: (settings: OperatorSettingsRequest) => request<OperatorDto>('PUT', '/api/operators/me/settings', settings),
};
