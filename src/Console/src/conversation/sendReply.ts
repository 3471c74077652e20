import { api } from '../api/endpoints';
import { NetworkError } from '../api/http';
import type { MessageDto } from '../api/types';

export const RETRY_DELAYS_MS = [500, 1500, 3000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends a reply; on a network error tries again with the same client message id, which the hub
 * stores once, so a reply whose answer was lost is never sent twice. Problem answers are thrown.
 */
export async function sendReply(
  conversationId: number,
  text: string,
  clientMessageId: string,
  delays: readonly number[] = RETRY_DELAYS_MS,
  attachments: readonly string[] = [],
): Promise<MessageDto> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.reply(conversationId, text, clientMessageId, attachments);
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt >= delays.length) throw error;
      await sleep(delays[attempt]!);
    }
  }
}
