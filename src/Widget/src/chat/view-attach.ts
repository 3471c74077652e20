import { t } from './i18n';
import type { ElementFactory } from './view-dom';

/**
 * How the visitor sends files: a paperclip button (a 44 px target, keyboard reachable) that opens the file picker,
 * dropping files anywhere on the panel, and pasting them into the message box. Each file goes to
 * {@link send}; a reason it returns is shown next to the input.
 */
export function attachControls(
  h: ElementFactory,
  panel: HTMLElement,
  input: HTMLTextAreaElement,
  tools: HTMLElement,
  types: () => readonly string[],
  send: (file: File) => string | null,
  showError: (reason: string | null) => void,
): void {
  const picker = h('input', 'oc-file-input', { type: 'file', multiple: '', tabindex: '-1', 'aria-hidden': 'true', 'data-testid': 'omnichannel-file-input' });
  const button = h('button', 'oc-attach', { type: 'button', 'aria-label': t.attach, title: t.attach, 'data-testid': 'omnichannel-attach' });
  button.textContent = '📎';
  const hint = h('p', 'oc-drop', { 'aria-hidden': 'true' });
  hint.textContent = t.dropHere;
  tools.append(button, picker);
  panel.append(hint);

  const take = (files: FileList | null | undefined): boolean => {
    const list = [...(files ?? [])];
    let reason: string | null = null;
    for (const file of list) reason = send(file) ?? reason;
    showError(reason);
    return list.length > 0;
  };
  button.addEventListener('click', () => {
    picker.accept = types().join(',');
    picker.click();
  });
  picker.addEventListener('change', () => {
    take(picker.files);
    picker.value = '';
    input.focus();
  });
  input.addEventListener('paste', (event) => {
    if (event.clipboardData?.files.length && take(event.clipboardData.files)) event.preventDefault();
  });
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  let depth = 0;
  panel.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth++;
    panel.setAttribute('data-dropping', '');
  });
  panel.addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  panel.addEventListener('dragleave', () => {
    if (--depth <= 0) (depth = 0), panel.removeAttribute('data-dropping');
  });
  panel.addEventListener('drop', (event) => {
    depth = 0;
    panel.removeAttribute('data-dropping');
    if (!hasFiles(event)) return;
    event.preventDefault();
    take(event.dataTransfer?.files);
  });
}
