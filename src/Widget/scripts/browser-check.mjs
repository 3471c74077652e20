// Live end-to-end check of the widget against a running hub in real headless Chromium.
//   HUB=http://127.0.0.1:5099 npm run browser      (CHROMIUM=/usr/bin/chromium by default)
// Walks the acceptance path: launcher -> panel, send, operator reply, reload keeps the chat,
// offline send is queued and delivered once, refusal shown next to the input, page CSS isolation,
// phone-sized full-screen panel. Exits non-zero on the first failed expectation.
import { chromium } from 'playwright-core';

const hub = process.env.HUB ?? 'http://127.0.0.1:5099';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let failures = 0;
let passes = 0;
function check(name, ok, detail = '') {
  if (ok) passes++;
  else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

async function api(path, init = {}, token) {
  const response = await fetch(`${hub}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(`${hub}/`);

  const launcher = page.locator('[data-testid="omnichannel-launcher"]');
  await launcher.waitFor();
  check('launcher shown', await launcher.isVisible());
  check('chat bundle not loaded before a click', !(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/widget/chat.js')))));
  await launcher.click();
  const panel = page.locator('[data-testid="omnichannel-panel"]');
  await panel.waitFor({ state: 'visible' });
  check('panel opens on click', true);
  check('greeting shown', (await page.locator('[data-testid="omnichannel-greeting"]').textContent()).length > 0);

  // Isolation: the page styles every button and every element's font; the widget must not care.
  const styles = await page.evaluate(() => {
    const root = document.getElementById('omnichannel-widget').shadowRoot;
    const send = getComputedStyle(root.querySelector('[data-testid="omnichannel-send"]'));
    const panel = getComputedStyle(root.querySelector('[data-testid="omnichannel-panel"]'));
    return { sendBg: send.backgroundColor, sendTransform: send.textTransform, panelFont: panel.fontFamily };
  });
  check('page button CSS does not reach the widget', styles.sendBg === 'rgb(11, 92, 171)' && styles.sendTransform === 'none', JSON.stringify(styles));
  check('page font does not reach the widget', !/Georgia/.test(styles.panelFont), styles.panelFont);

  const input = page.locator('[data-testid="omnichannel-input"]');
  const messages = page.locator('[data-testid="omnichannel-message"]');
  await input.fill('Hello, do you ship to Norway?');
  await input.press('Enter');
  await page.locator('[data-testid="omnichannel-message"][data-direction="visitor"][data-state="sent"]').first().waitFor();
  check('visitor message sent and acknowledged', (await messages.count()) === 1);
  check('input cleared after send', (await input.inputValue()) === '');

  const chat = await page.evaluate(() => JSON.parse(localStorage.getItem('omnichannel.chat')));
  check('conversation id stored', typeof chat?.conversationId === 'number', JSON.stringify(chat));
  const token = await page.evaluate(() => localStorage.getItem('omnichannel.visitor'));
  check('visitor token stored', !!token);

  const { accessToken } = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'operator@demo.local', password: 'demo-password' }) });
  await api(`/api/conversations/${chat.conversationId}/reply`, { method: 'POST', body: JSON.stringify({ text: 'Yes! <b>Free</b> over €100.' }) }, accessToken);
  const operatorLine = page.locator('[data-testid="omnichannel-message"][data-direction="operator"]');
  await operatorLine.first().waitFor({ timeout: 15000 });
  check('operator reply shown live, as text', (await operatorLine.first().textContent()).includes('<b>Free</b>'));

  // Shift+Enter makes a new line, Enter sends.
  await input.fill('line one');
  await input.press('Shift+Enter');
  await input.type('line two');
  check('Shift+Enter keeps typing', (await input.inputValue()) === 'line one\nline two');
  await input.press('Enter');
  await page.waitForFunction(() => document.getElementById('omnichannel-widget').shadowRoot.querySelectorAll('[data-testid="omnichannel-message"][data-state="sent"]').length === 3);
  check('multi-line message sent', true);

  // Reload: the chat is back (panel reopens, history loaded).
  await page.reload();
  await panel.waitFor({ state: 'visible', timeout: 15000 });
  await page.waitForFunction(() => document.getElementById('omnichannel-widget')?.shadowRoot?.querySelectorAll('[data-testid="omnichannel-message"]').length === 3, null, { timeout: 15000 });
  check('conversation kept across reload', true);
  await launcher.click();
  check('launcher click keeps an open panel open', await panel.isVisible());

  // Other page of the shop, same visitor.
  await page.goto(`${hub}/cart.html`);
  await page.waitForFunction(() => document.getElementById('omnichannel-widget')?.shadowRoot?.querySelectorAll('[data-testid="omnichannel-message"]').length === 3, null, { timeout: 15000 });
  check('conversation follows to the cart page', true);

  // Refusal: too long -> error next to the input, text kept.
  const long = 'x'.repeat(4001);
  await input.fill(long);
  await page.locator('[data-testid="omnichannel-send"]').click();
  const error = page.locator('[data-testid="omnichannel-error"]');
  await error.waitFor({ state: 'visible' });
  check('too long message refused with a reason', /4000/.test(await error.textContent()));
  check('refused text kept', (await input.inputValue()) === long);
  await input.fill('');

  // Network drop: the message waits in the persisted queue and is delivered once.
  await context.setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await page.waitForFunction(() => document.querySelector('#omnichannel-widget').shadowRoot.querySelector('[data-testid="omnichannel-panel"]').dataset.status !== 'connected', null, { timeout: 40000 }).catch(() => undefined);
  await input.fill('Sent while offline');
  await input.press('Enter');
  await page.waitForTimeout(1500);
  const pending = await page.evaluate(() => JSON.parse(localStorage.getItem('omnichannel.pending') ?? '[]'));
  const offlineState = await page.locator('[data-testid="omnichannel-message"]').last().getAttribute('data-state');
  check('offline message kept in the pending queue', pending.length === 1 && offlineState !== 'sent', `state=${offlineState}, queued=${pending.length}`);
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForFunction(() => !localStorage.getItem('omnichannel.pending'), null, { timeout: 60000 });
  await page.locator('[data-testid="omnichannel-message"]').last().and(page.locator('[data-state="sent"]')).waitFor({ timeout: 15000 });
  const stored = await api(`/api/conversations/${chat.conversationId}/messages`, {}, accessToken);
  const list = Array.isArray(stored) ? stored : (stored.items ?? stored.messages ?? []);
  check('offline message stored exactly once', list.filter((m) => m.text === 'Sent while offline').length === 1, `${list.length} messages`);

  // Missed while away: an operator reply sent while the page is closed shows after coming back.
  await page.goto('about:blank');
  await api(`/api/conversations/${chat.conversationId}/reply`, { method: 'POST', body: JSON.stringify({ text: 'Replied while you were away' }) }, accessToken);
  await page.goto(`${hub}/product.html`);
  await page.locator('[data-testid="omnichannel-message"]', { hasText: 'Replied while you were away' }).waitFor({ timeout: 15000 });
  check('reply sent while away shown on return', true);
  check('no duplicates after all that', (await messages.count()) === new Set(await messages.evaluateAll((els) => els.map((e) => e.dataset.messageId))).size);

  // A second tab of the same visitor shows what the first one sends.
  const tab2 = await context.newPage();
  await tab2.goto(`${hub}/`);
  await tab2.locator('[data-testid="omnichannel-message"]', { hasText: 'Replied while you were away' }).waitFor({ timeout: 15000 });
  await input.fill('Written in tab one');
  await input.press('Enter');
  await tab2.locator('[data-testid="omnichannel-message"][data-direction="visitor"]', { hasText: 'Written in tab one' }).waitFor({ timeout: 15000 });
  check('a second tab shows the message live', true);
  await tab2.close();

  // The operator closes the conversation: the visitor is told, and writing again starts a new one.
  await api(`/api/conversations/${chat.conversationId}/close`, { method: 'POST', body: '{}' }, accessToken);
  const notice = page.locator('[data-testid="omnichannel-notice"]');
  await notice.waitFor({ state: 'visible', timeout: 15000 });
  check('closed conversation is announced', (await notice.textContent()).length > 0);
  await input.fill('One more question');
  await input.press('Enter');
  await notice.waitFor({ state: 'hidden', timeout: 15000 });
  const next = await page.evaluate(() => JSON.parse(localStorage.getItem('omnichannel.chat')));
  check('writing again makes the conversation live again (the hub reopens it)', typeof next.conversationId === 'number' && !next.closed, JSON.stringify(next));

  // Phone-sized screen: full-screen panel.
  const phone = await browser.newContext({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
  const p2 = await phone.newPage();
  await p2.goto(`${hub}/product.html`);
  await p2.locator('[data-testid="omnichannel-launcher"]').click();
  const box = await p2.locator('[data-testid="omnichannel-panel"]').boundingBox();
  const viewport = await p2.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  check('panel is full screen under 480px', !!box && box.x === 0 && box.y === 0 && box.width === viewport.width && box.height === viewport.height, JSON.stringify({ box, viewport }));
  await p2.locator('[data-testid="omnichannel-close"]').click();
  check('close button hides the panel', !(await p2.locator('[data-testid="omnichannel-panel"]').isVisible()));
  await phone.close();
} finally {
  await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
