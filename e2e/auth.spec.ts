import { expect, test } from '@playwright/test';
import { E2E_USER } from '../playwright.config';
import { login } from './helpers';

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Name').fill(E2E_USER);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong name or password.');
  await expect(page).toHaveURL(/\/login$/);
});

test('the right password lands on the overview, and logging out ends the session', async ({ page }) => {
  await login(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Storage repositories' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/pools')).status()).toBe(401);
});

test('the API refuses every request without a session', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const uuid = '00000000-0000-4000-8000-000000000000';
  for (const path of ['/api/pools', `/api/srs/${uuid}`, `/api/srs/${uuid}/chains`, `/api/srs/${uuid}/chains.csv`, `/api/srs/${uuid}/samples`]) {
    const res = await anonymous.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toEqual({ error: 'Log in first.' });
  }
  expect((await anonymous.post('/api/analyze', { data: { text: 'vhd=x' } })).status()).toBe(401);
  await anonymous.dispose();
});

test('the API validates its inputs', async ({ page }) => {
  await login(page);
  expect((await page.request.get('/api/srs/not-a-uuid/chains')).status()).toBe(400);
  expect((await page.request.get('/api/srs/00000000-0000-4000-8000-000000000000/chains')).status()).toBe(404);
  const tooMany = await page.request.get('/api/srs/00000000-0000-4000-8000-000000000000/gc-events?limit=100000');
  expect(tooMany.status()).toBe(400);
  const badTolerance = await page.request.post('/api/analyze', { data: { text: 'vhd=x', tolerance: 101 } });
  expect(badTolerance.status()).toBe(400);
});

test('pages are served with a strict content policy, load nothing from elsewhere, and break no rule of it', async ({ page }) => {
  const violations: string[] = [];
  const foreign: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('request', (req) => {
    if (!new URL(req.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/) && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  const res = await page.goto('/login');
  const headers = res!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  await login(page);
  await page.getByRole('link', { name: 'Analyze' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Storage repositories' })).toBeVisible();
  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
});
