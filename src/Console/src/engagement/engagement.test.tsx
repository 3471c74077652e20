import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../test/fixtures';
import { PageRulesEditor } from './PageRulesEditor';
import { describeCondition } from './RulesEditor';
import type { EngagementDecision, PageRule } from './types';
import { WhyGreeted } from './WhyGreeted';

afterEach(() => vi.unstubAllGlobals());

describe('PageRulesEditor', () => {
  it('lists the rules and adds an exclusion, effective at once (the list is read again)', async () => {
    let rules: PageRule[] = [{ id: 1, pattern: '/cart*', exclude: false }];
    const { fn, calls } = fakeFetch({
      'GET /api/targeting/page-rules': () => ({ status: 200, body: rules }),
      'POST /api/targeting/page-rules': (body) => {
        const { pattern, exclude } = body as { pattern: string; exclude: boolean };
        rules = [...rules, { id: 2, pattern, exclude }];
        return { status: 201, body: rules[1] };
      },
    });
    vi.stubGlobal('fetch', fn);
    render(<PageRulesEditor canEdit />);
    expect(await screen.findByText('/cart*')).toBeInTheDocument();

    await userEvent.type(screen.getByTestId('page-rule-pattern'), '/checkout/payment*');
    await userEvent.click(screen.getByTestId('page-rule-exclude'));
    await userEvent.click(screen.getByTestId('page-rule-add'));

    await waitFor(() => expect(screen.getAllByTestId('page-rule')).toHaveLength(2));
    expect(screen.getAllByTestId('page-rule')[1]).toHaveTextContent('never on');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ pattern: '/checkout/payment*', exclude: true });
  });

  it('shows the hub’s reason when a rule is refused, and no editing for operators', async () => {
    const { fn } = fakeFetch({
      'GET /api/targeting/page-rules': () => ({ status: 200, body: [] }),
      'POST /api/targeting/page-rules': () => ({ status: 400, body: { title: 'Invalid request', detail: "The pattern must start with '/' or '*'." } }),
    });
    vi.stubGlobal('fetch', fn);
    const { unmount } = render(<PageRulesEditor canEdit />);
    await userEvent.type(screen.getByTestId('page-rule-pattern'), 'cart');
    await userEvent.click(screen.getByTestId('page-rule-add'));
    expect(await screen.findByRole('alert')).toHaveTextContent("must start with '/'");
    unmount();
    render(<PageRulesEditor canEdit={false} />);
    expect(await screen.findByText(/shows on every page/)).toBeInTheDocument();
    expect(screen.queryByTestId('page-rule-add')).toBeNull();
  });
});

describe('WhyGreeted', () => {
  it('explains every condition, the capacity gate and the frequency cap', () => {
    const decision: EngagementDecision = {
      greet: false,
      ruleId: 1,
      text: null,
      reason: "Rule 'Till' matched, but: No operator has free capacity for web chat.",
      at: '2026-11-24T12:00:00Z',
      capacity: { allowed: false, reason: 'No operator has free capacity for web chat.' },
      frequencyCap: { allowed: true, reason: 'Not greeted or dismissed recently.' },
      rules: [
        {
          ruleId: 1,
          name: 'Till',
          pageMatches: true,
          score: 2,
          threshold: 2,
          passed: true,
          conditions: [
            { kind: 'Dwell', expected: 'dwell ≥ 20 s', actual: '31 s', met: true, weight: 1 },
            { kind: 'CartValue', expected: 'cart ≥ 100', actual: '322.5', met: true, weight: 1 },
          ],
        },
      ],
    };
    render(<WhyGreeted decision={decision} />);
    const why = screen.getByTestId('why-greeted');
    expect(why).toHaveTextContent('Not greeted');
    expect(why).toHaveTextContent('Capacity: ✗ No operator has free capacity');
    expect(why).toHaveTextContent('✓ cart ≥ 100 — now 322.5');
  });

  it('describes conditions in words', () => {
    expect(describeCondition({ kind: 'Dwell', percentile: 60, value: 20, weight: 1 })).toBe('time on page ≥ p60 of this page (else 20 s)');
    expect(describeCondition({ kind: 'ExitIntent', weight: 2 })).toBe('exit intent');
  });
});
