import type { VisitorAck } from './contract';

/** Why an upload did not store the file: the hub's status (0: no answer, the network failed). */
export class UploadError extends Error {
  constructor(readonly status: number) {
    super(`Upload failed: HTTP ${status}`);
  }
}

export interface UploadRequest {
  token: string;
  file: Blob;
  name: string;
  clientMessageId: string;
  onProgress(fraction: number): void;
}

/**
 * POST /api/widget/attachments (multipart: file, clientMessageId), with the visitor's token and no cookies.
 * XMLHttpRequest because fetch reports no upload progress.
 */
export function uploadOverHttp(hubUrl: string, request: UploadRequest): Promise<VisitorAck> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${hubUrl}/api/widget/attachments`);
    xhr.setRequestHeader('Authorization', `Bearer ${request.token}`);
    xhr.withCredentials = false;
    xhr.upload.onprogress = (e) => e.lengthComputable && request.onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as VisitorAck);
          return;
        } catch {
          /* fall through */
        }
      }
      reject(new UploadError(xhr.status));
    };
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => reject(new UploadError(0));
    const form = new FormData();
    form.append('clientMessageId', request.clientMessageId);
    form.append('file', request.file, request.name);
    xhr.send(form);
  });
}
