import { expect, test } from '@playwright/test';
import { demoSrs, expectNoHorizontalScroll, login, shot } from './helpers';

test('a backup schedule entered in Settings drives that VM’s next-backup forecast, and can be deleted', async ({ page }, testInfo) => {
  await login(page);
  await demoSrs(page.request);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Backup schedules' })).toBeVisible();
  const pool = page.getByTestId('pool-schedules').first();
  const form = pool.getByRole('form', { name: /Add a backup schedule/ });

  // A bad expression is explained as it is typed, and refused.
  await form.getByLabel('Applies to').selectOption('vm');
  const vmSelect = form.getByLabel('VM', { exact: true });
  const vmOptions = await vmSelect.locator('option').allTextContents();
  const vmName = vmOptions[1];
  expect(vmName, 'the demo pool should offer its VMs').toBeTruthy();
  await vmSelect.selectOption({ label: vmName });
  await form.getByLabel('Cron schedule (UTC)').fill('0 2 * *');
  await expect(form.getByText('A cron schedule has 5 fields')).toBeVisible();
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(form.getByRole('alert')).toContainText('A cron schedule has 5 fields');
  await expect(pool.getByTestId('schedule-row')).toHaveCount(0);

  // Every minute of the demo's fast clock: sooner than any job the snapshots show.
  await form.getByLabel('Cron schedule (UTC)').fill('* * * * *');
  await expect(form.getByText(/^Next run: /)).toBeVisible();
  await form.getByLabel('Label (optional)').fill('e2e <b>entered</b> job');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  const row = pool.getByTestId('schedule-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`VM ${vmName}`);
  await expect(row).toContainText('e2e <b>entered</b> job');
  await expect(row).toContainText('admin');
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'settings');

  // The overview's forecast for that VM now names the entered schedule.
  await page.getByRole('link', { name: 'Overview' }).click();
  const item = page.getByTestId('next-backup').filter({ hasText: vmName });
  await expect(item.first()).toContainText('schedule e2e <b>entered</b> job (entered)', { timeout: 45_000 });

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('pool-schedules').first().getByRole('button', { name: /^Delete the schedule/ }).click();
  await expect(page.getByTestId('pool-schedules').first().getByTestId('schedule-row')).toHaveCount(0);
  await expect(page.getByText('No schedule entered')).toBeVisible();
});

test('the schedules API validates its input and needs a login', async ({ page }) => {
  const anonymous = await page.request.get('/api/pools/1/schedules');
  expect(anonymous.status()).toBe(401);
  await login(page);
  const bad = await page.request.post('/api/pools/1/schedules', { data: { scope: 'vm', cron: 'every night' } });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['cron', 'vmUuid']);
  expect((await page.request.post('/api/pools/abc/schedules', { data: { scope: 'pool', cron: '0 2 * * *' } })).status()).toBe(400);
  expect((await page.request.post('/api/pools/99999/schedules', { data: { scope: 'pool', cron: '0 2 * * *' } })).status()).toBe(404);
  expect((await page.request.delete('/api/pools/1/schedules/99999')).status()).toBe(404);
});

test('Settings lists the demo hosts’ pinned SSH keys and forgets one after a confirmation', async ({ page }, testInfo) => {
  await login(page);
  await demoSrs(page.request);
  await page.goto('/settings');
  const rows = page.getByTestId('host-keys').first().getByTestId('host-key-row');
  await expect(rows.first()).toContainText(/SHA256:[A-Za-z0-9+/]{43}/, { timeout: 45_000 });
  const pinned = rows.filter({ hasText: 'SHA256:' }).first();
  const hostName = (await pinned.locator('td').first().innerText()).replace(/\s*master$/, '').trim();
  await pinned.getByRole('button', { name: /^Forget the SSH host key of/ }).click();
  await expect(pinned.getByText('the next SSH read trusts whatever key it shows')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'settings-host-keys');
  await pinned.getByRole('button', { name: 'Yes, forget it' }).click();
  const row = rows.filter({ hasText: hostName }).first();
  await expect(row).toContainText('pinned at the next SSH read');
});

test('forgetting a host key needs a login and a valid host uuid', async ({ page }) => {
  expect((await page.request.delete('/api/pools/1/hosts/aaaaaaaa-0000-0000-0000-000000000001/host-key')).status()).toBe(401);
  await login(page);
  expect((await page.request.delete('/api/pools/1/hosts/not-a-uuid/host-key')).status()).toBe(400);
  expect((await page.request.delete('/api/pools/1/hosts/aaaaaaaa-0000-0000-0000-000000000099/host-key')).status()).toBe(404);
});
