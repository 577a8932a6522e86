import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { userCount } from '@/lib/auth/users';
import { ensureAdminFromEnv } from '@/app/_server/session';
import { CredentialsForm } from '@/app/login/CredentialsForm';

export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  await ensureAdminFromEnv();
  if ((await userCount(db())) > 0) redirect('/login');
  return <CredentialsForm mode="setup" />;
}
