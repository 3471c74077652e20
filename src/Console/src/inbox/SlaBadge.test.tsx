import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { conversation } from '../test/fixtures';
import { SlaBadge } from './SlaBadge';

const at = (iso: string) => Date.parse(iso);
const c = conversation({ slaDueAt: '2026-01-01T10:00:30Z', slaAtRiskAt: '2026-01-01T10:00:24Z', slaState: 'OnTrack', slaKind: 'FirstResponse' });

describe('SlaBadge', () => {
  it('counts down, turns at risk, then shows how late', () => {
    const { rerender } = render(<SlaBadge conversation={c} now={at('2026-01-01T10:00:03Z')} />);
    expect(screen.getByTestId('sla-badge')).toHaveTextContent('0:27 left');
    expect(screen.getByTestId('sla-badge')).toHaveAttribute('data-sla-state', 'OnTrack');
    rerender(<SlaBadge conversation={c} now={at('2026-01-01T10:00:25Z')} />);
    expect(screen.getByTestId('sla-badge')).toHaveAttribute('data-sla-state', 'AtRisk');
    rerender(<SlaBadge conversation={c} now={at('2026-01-01T10:00:33Z')} />);
    expect(screen.getByTestId('sla-badge')).toHaveTextContent('late 0:03');
    expect(screen.getByTestId('sla-badge')).toHaveAttribute('data-sla-state', 'Breached');
  });

  it('shows nothing when no clock runs (or an older hub sends no SLA fields)', () => {
    const { container } = render(<SlaBadge conversation={conversation()} now={Date.now()} />);
    expect(container).toBeEmptyDOMElement();
  });
});
