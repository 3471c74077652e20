import { ApiError, NetworkError } from '../api/http';
import type { AttachmentDto, ProblemDetails } from '../api/types';

/** Uploads one file for the reply being written; a refusal (413 too large, 415 type) throws with the hub's reason. */
export async function uploadAttachment(conversationId: number, file: File): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/conversations/${conversationId}/attachments`, { method: 'POST', credentials: 'same-origin', body: form });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    let problem: ProblemDetails | null = null;
    try {
      problem = (await response.json()) as ProblemDetails;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as AttachmentDto;
}
