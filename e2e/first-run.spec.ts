import { expect, test } from '@playwright/test';
import { FIRST_RUN_PORT } from '../playwright.config';

// Its own server: an empty database, no account from the environment, no demo pool.
test.use({ baseURL: `http://127.0.0.1:${FIRST_RUN_PORT}` });

test('first run: the first visitor creates the administrator account and is logged in; nobody can create a second', async ({ page, playwright }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one account per server: the first run happens once');
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Chainwatch' })).toBeVisible();
  await page.getByLabel('Name').fill('ops');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('At least 10 characters.');

  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Storage repositories' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // The page is gone once an account exists (a logged-in visitor lands on the overview), and its API refuses another.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/$/);
  const stranger = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${FIRST_RUN_PORT}` });
  const again = await stranger.post('/api/auth/setup', { data: { name: 'mallory', password: 'another long password' } });
  expect(again.status()).toBe(403);
  await stranger.dispose();
});
