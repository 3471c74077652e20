import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { AttainmentChart } from './AttainmentChart';
import { channelRow } from './testData';

describe('AttainmentChart', () => {
  it('draws one line per channel with answers today, through the hours', () => {
    const hour = (h: number, cumulative: number | null) => ({
      hourStart: `2026-03-02T${String(h).padStart(2, '0')}:00:00Z`,
      measured: cumulative === null ? 0 : 4,
      met: cumulative === null ? 0 : 3,
      attainment: cumulative,
      cumulative,
    });
    const { container } = render(
      <AttainmentChart
        channels={[
          channelRow('WebChat', { attainment: [hour(0, null), hour(1, 1), hour(2, 0.75)] }),
          channelRow('Email', { attainment: [hour(0, null), hour(1, null), hour(2, null)] }),
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: /attainment/i })).toBeInTheDocument();
    const lines = container.querySelectorAll('polyline');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.getAttribute('data-channel')).toBe('WebChat');
    expect(lines[0]!.getAttribute('points')!.split(' ')).toHaveLength(2);
    expect(screen.getByText('Web chat')).toBeInTheDocument();
  });

  it('shows the first hour of data as a point', () => {
    const { container } = render(
      <AttainmentChart
        channels={[channelRow('Sms', { attainment: [{ hourStart: '2026-03-02T00:00:00Z', measured: 1, met: 1, attainment: 1, cumulative: 1 }] })]}
      />,
    );
    expect(container.querySelectorAll('circle[data-testid=chart-point]')).toHaveLength(1);
    expect(container.querySelectorAll('polyline')).toHaveLength(0);
    expect(screen.getByText('SMS')).toBeInTheDocument();
  });

  it('says so when nothing was answered yet', () => {
    render(<AttainmentChart channels={[channelRow('WebChat')]} />);
    expect(screen.getByText('Nothing answered yet today.')).toBeInTheDocument();
  });
});
