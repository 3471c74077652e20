import { useCallback, useEffect, useState } from 'react';
import { allMessagesAfter, api } from '../api/endpoints';
import { ApiError, errorMessage } from '../api/http';
import type { ConversationDto, MessageDto, NoteDto } from '../api/types';
import { CustomerPanel } from '../customer/CustomerPanel';
import { LabelPicker } from '../labels/LabelPicker';
import { lastMessageId } from '../state/consoleStore';
import { useConsole } from '../state/ConsoleProvider';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { ReplyBox } from './ReplyBox';
import { RoutingTimeline } from './RoutingTimeline';
import { SupervisorTools } from './SupervisorTools';
import { useMessagingWindow } from './useMessagingWindow';
import { WindowNotice } from './WindowNotice';
import { VisitorTyping } from './VisitorTyping';

const NO_MESSAGES: MessageDto[] = [];
const NO_NOTES: NoteDto[] = [];

/** Channels whose senders send files the provider's way (the hub refuses files elsewhere). */
const FILE_CHANNELS: readonly string[] = ['Email', 'Telegram', 'WhatsApp', 'Sms', 'WebChat', 'Messenger', 'BotFramework'];

/** One conversation: its full history, live, with claim / close / reply. */
export function ConversationView({ conversationId }: { conversationId: number }) {
  const { me, state, dispatch, markSeen, operatorNames } = useConsole();
  const conversation = state.conversations[conversationId];
  const messages = state.messages[conversationId] ?? NO_MESSAGES;
  const notes = state.notes[conversationId] ?? NO_NOTES;
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const lastInboundId = lastInbound(messages);
  const replyWindow = useMessagingWindow(conversationId, lastInboundId, state.syncGeneration, loaded);

  // Load (or catch up after a reconnect): the conversation and what came after the last message we have.
  useEffect(() => {
    let cancelled = false;
    setError(null);
    const after = lastMessageId(state.messages[conversationId]);
    Promise.all([api.conversation(conversationId), allMessagesAfter(conversationId, after)]).then(
      ([c, list]) => {
        if (cancelled) return;
        dispatch({ type: 'conversationUpserted', conversation: c });
        dispatch({ type: 'messagesLoaded', conversationId, messages: list });
        setLoaded(true);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(e instanceof ApiError && e.status === 404 ? 'This conversation does not exist.' : errorMessage(e));
        setLoaded(true);
      },
    );
    return () => {
      cancelled = true;
    };
    // Only on open and after each (re)connect; live pushes keep it current in between.
  }, [conversationId, state.syncGeneration, dispatch]);

  useEffect(() => setLoaded(false), [conversationId]);

  // Internal notes: loaded with the conversation and after each reconnect; NoteAdded pushes keep them current.
  useEffect(() => {
    let cancelled = false;
    api.notes(conversationId).then(
      (list) => !cancelled && dispatch({ type: 'notesLoaded', conversationId, notes: list }),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, state.syncGeneration, dispatch]);

  useEffect(() => {
    if (conversation) markSeen(conversation.id, conversation.lastMessageAt);
  }, [conversation, markSeen]);

  const onChanged = useCallback((c: ConversationDto) => dispatch({ type: 'conversationUpserted', conversation: c }), [dispatch]);
  const onSent = useCallback((m: MessageDto) => dispatch({ type: 'messageUpserted', message: m }), [dispatch]);
  const onNote = useCallback((n: NoteDto) => dispatch({ type: 'noteUpserted', note: n }), [dispatch]);
  const onRetry = useCallback(
    async (messageId: number) => {
      const m = await api.retry(messageId);
      dispatch({ type: 'messageStatusChanged', status: { conversationId: m.conversationId, messageId: m.id, status: m.status, reason: m.statusReason } });
    },
    [dispatch],
  );

  if (!conversation) {
    return (
      <section className="conversation empty-state" aria-label="Conversation">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">{loaded ? 'Conversation not found.' : 'Loading…'}</p>
        )}
      </section>
    );
  }

  const closed = conversation.state === 'Closed';
  const takenByOther = conversation.state === 'Assigned' && conversation.assignedOperatorId !== me.id;
  const windowClosed = replyWindow !== null && !replyWindow.canReply;
  return (
    <div className="conversation-with-panel">
    <section className="conversation" aria-label={`Conversation with ${conversation.contactName}`} data-conversation-id={conversation.id}>
      <ConversationHeader
        conversation={conversation}
        meId={me.id}
        assigneeName={conversation.assignedOperatorId === null ? undefined : operatorNames[conversation.assignedOperatorId]}
        onChanged={onChanged}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <LabelPicker conversation={conversation} />
      <RoutingTimeline conversation={conversation} />
      <MessageList messages={messages} notes={notes} meId={me.id} onRetry={onRetry} />
      {!closed && <VisitorTyping conversationId={conversation.id} lastInboundId={lastInboundId} />}
      <SupervisorTools conversation={conversation} />
      {!closed && <WindowNotice window={replyWindow} />}
      <ReplyBox
        conversationId={conversation.id}
        disabled={closed || takenByOther || windowClosed}
        disabledReason={
          closed
            ? 'This conversation is closed.'
            : takenByOther
              ? 'Another operator is answering this conversation.'
              : 'The customer must write first: no reply can be delivered now.'
        }
        onSent={onSent}
        canAttach={FILE_CHANNELS.includes(conversation.channel)}
        onNote={onNote}
      />
    </section>
    <CustomerPanel conversationId={conversation.id} generation={state.syncGeneration} />
    </div>
  );
}

function lastInbound(messages: MessageDto[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.direction === 'Inbound') return messages[i]!.id;
  return 0;
}
