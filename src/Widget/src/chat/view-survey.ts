import { t } from './i18n';
import type { ElementFactory } from './view-dom';

/**
 * How did we do? 1–5 and an optional comment, inline after the operator closed the conversation;
 * a thank-you once answered.
 */
export class SurveyView {
  readonly section: HTMLElement;
  private readonly form: HTMLElement;
  private readonly thanks: HTMLElement;
  private score = 0;

  constructor(h: ElementFactory, callbacks: { rate(score: number, comment: string): Promise<string | null> }) {
    this.section = h('section', 'oc-csat', { 'data-testid': 'omnichannel-csat', 'aria-label': t.rateTitle });
    this.section.hidden = true;
    this.form = h('form', 'oc-csat-form', { novalidate: '' });
    const question = h('p', 'oc-csat-q');
    question.textContent = t.howDidWeDo;
    const scores = h('div', 'oc-csat-scores', { role: 'radiogroup', 'aria-label': t.ratingScale });
    for (let n = 1; n <= 5; n++) {
      const b = h('button', 'oc-csat-score', { type: 'button', role: 'radio', 'aria-checked': 'false', 'data-score': String(n), 'data-testid': 'omnichannel-csat-score', 'aria-label': t.of5(n) });
      b.textContent = String(n);
      b.addEventListener('click', () => {
        this.score = n;
        for (const other of scores.children) other.setAttribute('aria-checked', String(other === b));
      });
      scores.append(b);
    }
    const comment = h('textarea', 'oc-input oc-csat-comment', { rows: '2', placeholder: t.commentPlaceholder, 'aria-label': t.comment, 'data-testid': 'omnichannel-csat-comment' });
    const rate = h('button', 'oc-send', { type: 'submit', 'data-testid': 'omnichannel-csat-send' });
    rate.textContent = t.sendRating;
    const surveyError = h('p', 'oc-error', { role: 'alert' });
    surveyError.hidden = true;
    this.form.append(question, scores, comment, surveyError, rate);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.score) {
        surveyError.textContent = t.chooseRating;
        surveyError.hidden = false;
        return;
      }
      void callbacks.rate(this.score, comment.value).then((reason) => {
        surveyError.textContent = reason ?? '';
        surveyError.hidden = !reason;
      });
    });
    this.thanks = h('p', 'oc-csat-q', { 'data-testid': 'omnichannel-csat-thanks', role: 'status' });
    this.thanks.textContent = t.thanks;
    this.section.append(this.form, this.thanks);
  }

  /** null: no survey; otherwise the form until rated, then the thank-you. */
  render(survey: { rated: boolean } | null): void {
    this.section.hidden = !survey;
    this.form.hidden = !!survey?.rated;
    this.thanks.hidden = !survey?.rated;
  }
}
