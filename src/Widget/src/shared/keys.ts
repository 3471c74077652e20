/**
 * localStorage keys shared by the loader and the chat bundle. The loader reads CHAT_KEY and
 * PENDING_KEY only to decide whether a returning visitor should see their chat without a click.
 */

/** The hub-signed visitor token (a plain string). */
export const TOKEN_KEY = 'omnichannel.visitor';

/** {@link ChatState} as JSON: the visitor's current conversation and whether the panel was open. */
export const CHAT_KEY = 'omnichannel.chat';

/** Messages typed but not yet acknowledged by the hub, as a JSON array (see chat/pending.ts). */
export const PENDING_KEY = 'omnichannel.pending';

export interface ChatState {
  conversationId: number | null;
  closed: boolean;
  open: boolean;
  /** The satisfaction survey of the conversation the operator closed, kept across reloads until answered. */
  survey?: { conversationId: number; rated: boolean } | null;
}

/** "1" when the visitor opted out of signals (Omnichannel.optOut()). */
export const OPTOUT_KEY = 'omnichannel.optout';

/** sessionStorage: "1" while the visitor has dismissed the busy/closed notice in this browser session. */
export const DISMISSED_KEY = 'omnichannel.dismissed';
