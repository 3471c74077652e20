import { describe, expect, it, vi } from 'vitest';
import { ChatController, type ControllerEvents } from '../src/chat/controller';
import { setLanguage } from '../src/chat/i18n';
import { memoryStore } from '../src/chat/storage';
import { fileProblem, refusalReason } from '../src/chat/uploads';
import { FakeHub } from './fakes';

let ids = 0;
const MB = 1024 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'application/pdf'];

function setup(hub = new FakeHub()) {
  const events = { changed: vi.fn(), rejected: vi.fn<ControllerEvents['rejected']>(), operatorMessage: vi.fn<ControllerEvents['operatorMessage']>() };
  const controller = new ChatController(
    { api: hub.api, transport: hub.transport, store: memoryStore(), newId: () => `up-${++ids}`, backoff: () => 5, upload: hub.upload },
    events,
  );
  return { hub, events, controller };
}

const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });

describe('the visitor sends files', () => {
  it('refuses before uploading what the hub would refuse, in the visitor language', () => {
    setLanguage('en');
    expect(fileProblem({ size: 0, type: 'image/png' }, MB, TYPES)).toBe('The file is empty.');
    expect(fileProblem({ size: 2 * MB, type: 'image/png' }, MB, TYPES)).toBe('The file is too large (at most 1 MB).');
    expect(fileProblem({ size: 10, type: 'image/svg+xml' }, MB, TYPES)).toMatch(/Only photos/);
    expect(fileProblem({ size: 10, type: 'application/pdf' }, MB, TYPES)).toBeNull();
    setLanguage('de');
    expect(fileProblem({ size: 2 * MB, type: 'image/png' }, MB, TYPES)).toBe('Die Datei ist zu groß (höchstens 1 MB).');
    setLanguage('en');
  });

  it("maps the hub's 413 and 415 to the visitor's words, and retries only transport trouble", () => {
    setLanguage('fr');
    expect(refusalReason(413, 10 * MB)).toBe('Le fichier est trop volumineux (10 Mo au maximum).');
    expect(refusalReason(415, 10 * MB)).toMatch(/^Seules les photos/);
    expect(refusalReason(409, 10 * MB)).toBe('Le fichier n’a pas pu être envoyé.');
    expect(refusalReason(0, MB)).toBeNull();
    expect(refusalReason(503, MB)).toBeNull();
    setLanguage('en');
  });

  it('shows the file at once with its progress, then as a stored message with its file, once', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    expect(controller.sendFile(file('boots.png', 'image/png', 2000))).toBeNull();
    const line = controller.lines()[0]!;
    expect(line).toMatchObject({ direction: 'visitor', state: 'sending', upload: { name: 'boots.png' } });
    await vi.waitFor(() => expect(controller.lines()[0]!.state).toBe('sent'));
    expect(controller.lines()).toHaveLength(1);
    expect(controller.lines()[0]!.files).toEqual([expect.objectContaining({ url: '/media/out/t100', name: 'boots.png', size: 2000 })]);
    expect(controller.conversationId).toBe(1);
    expect(hub.messages).toHaveLength(1);
  });

  it('a refusal by the hub removes the line and says why; nothing is stored', async () => {
    const hub = new FakeHub();
    hub.uploadFailures.push(415);
    const { events, controller } = setup(hub);
    await controller.connect();
    controller.sendFile(file('report.pdf', 'application/pdf', 10));
    await vi.waitFor(() => expect(events.rejected).toHaveBeenCalledWith(expect.stringMatching(/^Only photos/), ''));
    expect(controller.lines()).toEqual([]);
    expect(hub.messages).toEqual([]);
  });

  it('a broken transfer stays as not sent; Retry sends the same file with the same id and it is stored once', async () => {
    const hub = new FakeHub();
    hub.uploadFailures.push(0);
    const { controller } = setup(hub);
    await controller.connect();
    controller.sendFile(file('invoice.pdf', 'application/pdf', 5000));
    await vi.waitFor(() => expect(controller.lines()[0]!.state).toBe('failed'));
    const key = controller.lines()[0]!.key;
    controller.retry(key);
    await vi.waitFor(() => expect(controller.lines()[0]!.state).toBe('sent'));
    expect(hub.uploadCalls.map((c) => c.clientMessageId)).toEqual([key, key]);
    expect(hub.messages).toHaveLength(1);
  });

  it('a file over the limit is never uploaded', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    controller.config = { ...controller.config, maxAttachmentBytes: MB, attachmentTypes: TYPES };
    expect(controller.sendFile(file('huge.png', 'image/png', 2 * MB))).toBe('The file is too large (at most 1 MB).');
    expect(hub.uploadCalls).toEqual([]);
    expect(controller.lines()).toEqual([]);
  });
});

describe('the limits come from the hub', () => {
  it('uses the hub config limits for the check before upload', async () => {
    const hub = new FakeHub();
    const config = hub.api.config;
    hub.api.config = async () => ({ ...(await config()), maxAttachmentBytes: 2 * MB, attachmentTypes: ['application/pdf'] });
    const { controller } = setup(hub);
    await controller.connect();
    await vi.waitFor(() => expect(controller.config.maxAttachmentBytes).toBe(2 * MB));
    expect(controller.sendFile(file('a.png', 'image/png', 10))).toMatch(/^Only photos/);
    expect(controller.sendFile(file('b.pdf', 'application/pdf', 3 * MB))).toBe('The file is too large (at most 2 MB).');
    expect(hub.uploadCalls).toEqual([]);
  });
});
