/** The contract between the loader (/widget.js) and the lazily loaded chat bundle (/widget/chat.js). */
export interface MountContext {
  /** The widget's open shadow root; the loader already put the launcher in it. */
  root: ShadowRoot;
  /** The hub's base URL without a trailing slash, e.g. "https://hub.example.com". */
  hub: string;
  launcher: HTMLButtonElement;
  /** The proactive greeting the visitor accepted (shown as the chat's greeting). */
  greeting?: string | undefined;
  /** The visitor's language as the page or the embed snippet gave it (URI-encoded), e.g. "nl-NL"; the chat picks en/nl/de/fr from it. */
  lang?: string | undefined;
}

export interface ChatHandle {
  open(): void;
  close(): void;
}

export type Mount = (context: MountContext) => ChatHandle;
