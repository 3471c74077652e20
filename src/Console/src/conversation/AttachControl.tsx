import { useRef, useState } from 'react';
import { errorMessage } from '../api/http';
import type { AttachmentDto } from '../api/types';
import { uploadAttachment } from './uploadAttachment';

interface Props {
  conversationId: number;
  disabled: boolean;
  files: AttachmentDto[];
  onChange(files: AttachmentDto[]): void;
  upload?: typeof uploadAttachment;
}

/** "Attach file": uploads at once (so size/type refusals show before sending) and lists what goes with the reply. */
export function AttachControl({ conversationId, disabled, files, onChange, upload = uploadAttachment }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    setError(null);
    const added: AttachmentDto[] = [];
    try {
      for (const file of Array.from(list)) added.push(await upload(conversationId, file));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      if (added.length > 0) onChange([...files, ...added]);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="attach">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        accept="image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain"
        onChange={(e) => void pick(e.target.files)}
      />
      <button type="button" className="small" data-testid="attach-button" disabled={disabled || busy} onClick={() => input.current?.click()}>
        {busy ? 'Uploading…' : 'Attach file'}
      </button>
      {files.length > 0 && (
        <ul className="attached" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.url} data-testid="attached-file">
              {f.name}
              <button type="button" className="link" aria-label={`Remove ${f.name}`} onClick={() => onChange(files.filter((x) => x.url !== f.url))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert" data-testid="attach-error">
          {error}
        </p>
      )}
    </div>
  );
}
