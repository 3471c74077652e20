import { DEFAULT_CONFIG, type VisitorAck } from './contract';
import { t } from './i18n';
import type { ChatSession } from './session';
import { UploadError, type UploadRequest } from './upload-http';

/** Pure: why a file cannot be sent (in the visitor's language), or null. The hub checks the same again. */
export function fileProblem(file: { size: number; type: string }, maxBytes: number, types: readonly string[]): string | null {
  if (file.size <= 0) return t.fileEmpty;
  if (file.size > maxBytes) return t.fileTooLarge(maxBytes / (1024 * 1024));
  if (!types.includes(file.type.toLowerCase())) return t.fileType;
  return null;
}

/** The hub's refusal, in the visitor's language; null when it is worth retrying (no answer, 5xx, 429). */
export function refusalReason(status: number, maxBytes: number): string | null {
  if (status === 413) return t.fileTooLarge(maxBytes / (1024 * 1024));
  if (status === 415) return t.fileType;
  if (status === 0 || status >= 500 || status === 429) return null;
  return t.uploadRefused;
}

/**
 * Files the visitor sends: checked first, shown at once with their progress, sent over HTTP with the same
 * client id on every attempt (the hub stores a retried one once). A refusal removes the line and says why;
 * a failed transfer stays as "not sent" with Retry. Files are kept in memory only (not across a reload).
 */
export class Uploads {
  private readonly files = new Map<string, File>();

  constructor(
    private readonly session: ChatSession,
    private readonly upload: (request: UploadRequest) => Promise<VisitorAck>,
    private readonly accepted: (ack: VisitorAck, text: string) => void,
  ) {}

  has(clientMessageId: string): boolean {
    return this.files.has(clientMessageId);
  }

  /** Returns a reason to show the visitor when the file cannot be sent. */
  send(file: File): string | null {
    const s = this.session;
    const max = s.config.maxAttachmentBytes ?? DEFAULT_CONFIG.maxAttachmentBytes!;
    const problem = fileProblem(file, max, s.config.attachmentTypes ?? DEFAULT_CONFIG.attachmentTypes!);
    if (problem) return problem;
    const id = s.deps.newId();
    this.files.set(id, file);
    s.transcript.addUpload(id, file.name || 'file', (s.deps.now?.() ?? new Date()).toISOString());
    s.events.changed();
    void this.start(id);
    return null;
  }

  retry(clientMessageId: string): void {
    if (this.files.has(clientMessageId)) void this.start(clientMessageId);
  }

  private async start(id: string): Promise<void> {
    const s = this.session;
    const file = this.files.get(id);
    const line = s.transcript.get(id);
    if (!file || !line || !s.token) return;
    line.state = 'sending';
    line.upload = { name: file.name || 'file', progress: 0 };
    s.events.changed();
    try {
      const ack = await this.upload({
        token: s.token,
        file,
        name: file.name || 'file',
        clientMessageId: id,
        onProgress: (fraction) => {
          if (line.upload) line.upload.progress = fraction;
          s.events.changed();
        },
      });
      this.files.delete(id);
      this.accepted(ack, line.text);
    } catch (error) {
      const reason = refusalReason(error instanceof UploadError ? error.status : 0, s.config.maxAttachmentBytes ?? DEFAULT_CONFIG.maxAttachmentBytes!);
      if (reason) {
        this.files.delete(id);
        s.transcript.remove(id);
        s.events.changed();
        s.events.rejected(reason, '');
        return;
      }
      line.state = 'failed';
      s.events.changed();
    }
  }
}
