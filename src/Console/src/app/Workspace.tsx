import { ConversationView } from '../conversation/ConversationView';
import { Inbox } from '../inbox/Inbox';

/** List and conversation side by side; on a phone one at a time (CSS), with a back link. */
export function Workspace({ conversationId }: { conversationId: number | null }) {
  return (
    <div className={`workspace${conversationId === null ? '' : ' has-selection'}`}>
      <Inbox selectedId={conversationId} />
      {conversationId === null ? (
        <section className="conversation empty-state" aria-label="Conversation">
          <p className="muted">Pick a conversation from the list.</p>
        </section>
      ) : (
        <ConversationView key={conversationId} conversationId={conversationId} />
      )}
    </div>
  );
}
