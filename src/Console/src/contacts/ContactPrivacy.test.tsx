import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch } from '../test/fixtures';
import { ContactPrivacy } from './ContactPrivacy';

afterEach(() => vi.unstubAllGlobals());

describe('ContactPrivacy', () => {
  it('links the export, and erases only after the admin confirms', async () => {
    const { fn, calls } = fakeFetch({ 'POST /api/contacts/7/erase': () => ({ status: 200, body: { contactId: 7 } }) });
    vi.stubGlobal('fetch', fn);
    const onErased = vi.fn();
    render(<ContactPrivacy contactId={7} name="Kari" onErased={onErased} />);

    expect(screen.getByTestId('contact-export')).toHaveAttribute('href', '/api/contacts/7/export');
    await userEvent.click(screen.getByTestId('contact-erase'));
    expect(screen.getByTestId('contact-erase-confirm')).toHaveTextContent('Erase Kari on all channels for good?');
    expect(calls).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('contact-erase-confirm')).toBeNull();

    await userEvent.click(screen.getByTestId('contact-erase'));
    await userEvent.click(screen.getByTestId('contact-erase-yes'));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/contacts/7/erase']);
    expect(onErased).toHaveBeenCalledOnce();
  });

  it('shows why the hub refused an erase (a conversation still open)', async () => {
    const { fn } = fakeFetch({
      'POST /api/contacts/7/erase': () => ({ status: 409, body: { title: 'Conflict', status: 409, detail: '1 conversation(s) of this contact are still open: close them first.' } }),
    });
    vi.stubGlobal('fetch', fn);
    render(<ContactPrivacy contactId={7} name="Kari" onErased={vi.fn()} />);

    await userEvent.click(screen.getByTestId('contact-erase'));
    await userEvent.click(screen.getByTestId('contact-erase-yes'));
    expect(await screen.findByRole('alert')).toHaveTextContent('still open');
  });
});
