import { useEffect, useState } from 'react';
import { request } from '../api/http';

/** GET /api/conversations/{id}/csat */
export interface CsatDto {
  id: number;
  conversationId: number;
  operatorId: number | null;
  channel: string;
  delivery: 'Widget' | 'Message' | 'EmailLinks' | 'NotSent';
  sentAt: string;
  score: number | null;
  comment: string | null;
  answeredAt: string | null;
  note: string | null;
  ruleId: number | null;
}

export const csatApi = {
  forConversation: (conversationId: number) => request<CsatDto[]>('GET', `/api/conversations/${encodeURIComponent(String(conversationId))}/csat`),
};

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * The customer's rating of a closed conversation, shown in its header. Until the answer arrives it looks
 * again every few seconds (the survey is answered within minutes, if at all).
 */
export function CsatRating({ conversationId }: { conversationId: number }) {
  const [survey, setSurvey] = useState<CsatDto | null | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const all = await csatApi.forConversation(conversationId);
        if (stopped) return;
        const latest = all.at(-1) ?? null;
        setSurvey(latest);
        if (latest?.score != null && latest.comment != null) return;
      } catch {
        // shown again on the next look
      }
      if (!stopped) timer = setTimeout(() => void load(), 3000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [conversationId]);

  if (!survey) return null;
  if (survey.score != null)
    return (
      <span className="badge csat" data-testid="conversation-csat" data-score={survey.score} title={survey.comment ?? undefined}>
        <span aria-hidden="true">{stars(survey.score)}</span> Rated {survey.score}/5{survey.comment ? ` — “${survey.comment}”` : ''}
      </span>
    );
  return (
    <span className="badge csat" data-testid="conversation-csat" data-score="">
      {survey.delivery === 'NotSent' ? (survey.note ?? 'Survey not asked') : 'Survey asked — no rating yet'}
    </span>
  );
}
