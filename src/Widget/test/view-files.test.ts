import { describe, expect, it, vi } from 'vitest';
import type { ChatLine } from '../src/chat/transcript';
import { ChatView } from '../src/chat/view';

function setup() {
  document.body.replaceChildren();
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  root.append(launcher);
  const sendFile = vi.fn((f: File) => (f.type === 'image/svg+xml' ? 'Only photos and PDF files can be sent.' : null));
  const view = new ChatView(root, launcher, { send: () => null, retry: vi.fn(), close: vi.fn(), rate: async () => null, sendFile, fileTypes: () => ['image/png', 'application/pdf'] }, 'https://hub.example');
  const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
  return { root, view, sendFile, $ };
}

const line = (over: Partial<ChatLine>): ChatLine => ({
  key: 'k', id: 1, conversationId: 1, clientMessageId: null, direction: 'visitor', text: '📎 boots.png',
  createdAt: '2026-01-01T10:00:00Z', author: null, state: 'sent', ...over,
});
const render = (view: ChatView, lines: ChatLine[]) =>
  view.render({ title: 't', greeting: '', status: 'connected', closed: false, lines, survey: null });

describe('files in the panel', () => {
  it('offers a labelled 44 px attach button that opens the picker with the allowed types', () => {
    const { $ } = setup();
    const button = $('omnichannel-attach') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).toBe('Attach a photo or PDF');
    const picker = $('omnichannel-file-input') as HTMLInputElement;
    const click = vi.spyOn(picker, 'click').mockImplementation(() => undefined);
    button.click();
    expect(click).toHaveBeenCalled();
    expect(picker.accept).toBe('image/png,application/pdf');
  });

  it('sends pasted and dropped files, and shows a refusal next to the input', () => {
    const { $, sendFile, root } = setup();
    const png = new File(['x'], 'paste.png', { type: 'image/png' });
    const paste = new Event('paste', { cancelable: true }) as Event & { clipboardData: unknown };
    paste.clipboardData = { files: [png] };
    $('omnichannel-input').dispatchEvent(paste);
    expect(sendFile).toHaveBeenCalledWith(png);
    expect(paste.defaultPrevented).toBe(true);

    const svg = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' });
    const drop = new Event('drop', { cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { types: ['Files'], files: [svg] };
    $('omnichannel-panel').dispatchEvent(drop);
    expect(sendFile).toHaveBeenCalledWith(svg);
    expect($('omnichannel-error').textContent).toBe('Only photos and PDF files can be sent.');
    expect(root.querySelector('[data-testid=omnichannel-panel]')!.hasAttribute('data-dropping')).toBe(false);
  });

  it('shows an image as its thumbnail linking to the file, a PDF as a card with name and size, other links not at all', () => {
    const { view, root } = setup();
    render(view, [
      line({ key: 'a', files: [{ url: '/media/out/abc', thumbnailUrl: '/media/out/abc/thumb', contentType: 'image/png', name: 'boots.png', size: 2048 }] }),
      line({ key: 'b', id: 2, text: 'Your invoice', direction: 'operator', files: [{ url: '/media/out/def', thumbnailUrl: null, contentType: 'application/pdf', name: 'invoice.pdf', size: 3 * 1024 * 1024 }] }),
      line({ key: 'c', id: 3, text: 'x', files: [{ url: 'javascript:alert(1)', thumbnailUrl: null, contentType: 'application/pdf', name: 'evil.pdf', size: 1 }] }),
    ]);
    const img = root.querySelector<HTMLImageElement>('[data-testid=omnichannel-image] img')!;
    expect(img.src).toBe('https://hub.example/media/out/abc/thumb');
    expect(img.alt).toBe('boots.png');
    expect(img.loading).toBe('lazy');
    expect(root.querySelector<HTMLAnchorElement>('[data-testid=omnichannel-image]')!.href).toBe('https://hub.example/media/out/abc');
    const cards = root.querySelectorAll<HTMLAnchorElement>('[data-testid=omnichannel-file]');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.textContent).toBe('📄 invoice.pdf3.0 MB');
    expect(cards[0]!.href).toBe('https://hub.example/media/out/def');
    expect(root.querySelector<HTMLElement>('[data-message-id="1"] .oc-text')!.hidden).toBe(true);
  });

  it('shows upload progress with an accessible progress bar', () => {
    const { view, root } = setup();
    render(view, [line({ key: 'u', id: null, state: 'sending', upload: { name: 'boots.png', progress: 0.42 } })]);
    const bar = root.querySelector<HTMLProgressElement>('[data-testid=omnichannel-upload-progress]')!;
    expect(bar.value).toBe(42);
    expect(bar.getAttribute('aria-label')).toBe('Uploading… 42 %');
  });
});
