import { t } from './i18n';
import { DEFAULT_CONFIG } from './contract';
import type { ChatSession } from './session';

/**
 * What the panel shows around the messages: the config (title, greeting, length limit), loaded
 * until it succeeds once, and the satisfaction survey after the operator closed the conversation.
 */
export class PanelExtras {
  private configLoaded = false;

  constructor(private readonly session: ChatSession) {}

  /** Asks for the config unless it was loaded; after a failure the next connect attempt asks again. */
  loadConfigOnce(): void {
    if (!this.configLoaded) void this.loadConfig();
  }

  onConversationClosed(conversationId: number): void {
    const s = this.session;
    if (conversationId !== s.conversationId) return;
    s.closed = true;
    s.survey = { conversationId, rated: false };
    s.persist();
    s.events.changed();
  }

  /** Sends the survey answer; returns a reason to show when it could not be stored. */
  async rate(score: number, comment: string): Promise<string | null> {
    const s = this.session;
    if (!s.survey || !s.token) return null;
    try {
      await s.deps.api.rate(s.token, s.survey.conversationId, score, comment.trim());
      s.survey = { ...s.survey, rated: true };
      s.persist();
      s.events.changed();
      return null;
    } catch {
      return t.ratingFailed;
    }
  }

  private async loadConfig(): Promise<void> {
    const s = this.session;
    try {
      const config = await s.deps.api.config();
      s.config = {
        title: config.title || DEFAULT_CONFIG.title,
        greeting: config.greeting ?? '',
        maxMessageLength: config.maxMessageLength > 0 ? config.maxMessageLength : DEFAULT_CONFIG.maxMessageLength,
        maxAttachmentBytes: config.maxAttachmentBytes && config.maxAttachmentBytes > 0 ? config.maxAttachmentBytes : DEFAULT_CONFIG.maxAttachmentBytes!,
        attachmentTypes: config.attachmentTypes?.length ? config.attachmentTypes : DEFAULT_CONFIG.attachmentTypes!,
      };
      this.configLoaded = true;
      s.events.changed();
    } catch {
      // Defaults stay; the next connect attempt asks again.
    }
  }
}
