/** The contract between the loader (/widget.js) and the lazily loaded chat bundle (/widget/chat.js). */
export interface MountContext {
  /** The widget's open shadow root; the loader already put the launcher in it. */
  root: ShadowRoot;
  /** The hub's base URL without a trailing slash, e.g. "https://hub.example.com". */
  hub: string;
  launcher: HTMLButtonElement;
  /** The proactive greeting the visitor accepted (shown as the chat's greeting). */
  greeting?: string | undefined;
}

export interface ChatHandle {
  open(): void;
  close(): void;
}

export type Mount = (context: MountContext) => ChatHandle;
