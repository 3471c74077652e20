import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch } from '../test/fixtures';
import { SlaSettingsAdmin } from './SlaSettingsAdmin';

afterEach(() => vi.unstubAllGlobals());

const policies = [
  { channel: 'WebChat', firstResponseSeconds: 30, nextResponseSeconds: 30, businessHours: false },
  { channel: 'Email', firstResponseSeconds: 86400, nextResponseSeconds: 86400, businessHours: true },
];

describe('SlaSettingsAdmin', () => {
  it('shows the hub refusal by field, then saves what the hub accepts', async () => {
    let accept = false;
    const { fn, calls } = fakeFetch({
      'GET /api/settings/sla': () => ({ status: 200, body: { policies } }),
      'PUT /api/settings/sla': (body) =>
        accept
          ? { status: 200, body }
          : { status: 400, body: { title: 'Invalid request', status: 400, errors: { 'policies[0].firstResponseSeconds': ['The first response target must be between 1 second and 30 days.'] } } },
    });
    vi.stubGlobal('fetch', fn);
    render(<SlaSettingsAdmin />);
    const first = await screen.findByTestId('sla-first-WebChat');

    await userEvent.clear(first);
    await userEvent.type(first, '0');
    await userEvent.click(screen.getByTestId('sla-save'));
    const error = await screen.findByTestId('sla-error');
    expect(within(error).getByText('policies[0].firstResponseSeconds')).toBeInTheDocument();
    expect(error).toHaveTextContent('between 1 second and 30 days');

    accept = true;
    await userEvent.clear(first);
    await userEvent.type(first, '45');
    await userEvent.click(screen.getByTestId('sla-save'));
    expect(await screen.findByTestId('sla-saved')).toHaveTextContent('next conversation');
    expect(screen.queryByTestId('sla-error')).toBeNull();
    expect(calls.at(-1)!.body).toEqual({ policies: [{ ...policies[0], firstResponseSeconds: 45 }, policies[1]] });
    expect(screen.getByText('Web chat')).toBeInTheDocument();
  });
});
