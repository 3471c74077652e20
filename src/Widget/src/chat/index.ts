import type { ChatHandle, MountContext } from '../shared/mount';
import { httpApi } from './api';
import { ChatController } from './controller';
import { newClientMessageId } from './ids';
import { browserStore } from './storage';
import { signalRTransport } from './transport';
import { ChatView } from './view';
import { uploadOverHttp } from './upload-http';
import { setLanguage } from './i18n';

/** Entry point of /widget/chat.js: the loader imports this module and calls mount once. */
export function mount(context: MountContext): ChatHandle {
  const words = setLanguage(context.lang);
  let unread = 0;
  const controller = new ChatController(
    {
      api: httpApi(context.hub, words.lang),
      transport: (token) => signalRTransport(context.hub, token),
      store: browserStore(),
      newId: () => newClientMessageId(),
      upload: (request) => uploadOverHttp(context.hub, request),
      identity: () => (window as { Omnichannel?: { identity?: unknown } }).Omnichannel?.identity,
    },
    {
      changed: () => render(),
      rejected: (reason, text) => {
        view.showError(reason);
        view.restoreText(text);
      },
      operatorMessage: () => {
        if (!view.isOpen) view.setUnread(++unread);
      },
    },
  );

  const handle: ChatHandle = {
    open() {
      unread = 0;
      view.open();
      controller.setOpen(true);
    },
    close() {
      view.close();
      controller.setOpen(false);
    },
  };

  const view = new ChatView(context.root, context.launcher, {
    send: (text) => controller.send(text),
    retry: (clientMessageId) => controller.retry(clientMessageId),
    close: () => handle.close(),
    rate: (score, comment) => controller.rate(score, comment),
    typing: (draft) => controller.typing(draft),
    sendFile: (file) => controller.sendFile(file),
    fileTypes: () => controller.config.attachmentTypes ?? [],
  }, context.hub);

  function render(): void {
    view.render({
      title: controller.config.title || words.title,
      greeting: context.greeting ?? controller.config.greeting,
      status: controller.status,
      closed: controller.closed,
      lines: controller.lines(),
      survey: controller.survey,
      typing: controller.operatorTyping ? words.typing(controller.operatorTyping) : null,
      waiting: controller.waitingText,
    });
  }

  render();
  if (controller.open) handle.open();
  window.addEventListener('online', () => controller.retryNow());
  void controller.connect();
  return handle;
}
