import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client';
import { userCount } from '@/lib/auth/users';
import { currentUser, ensureAdminFromEnv } from '@/app/_server/session';
import { CredentialsForm } from './CredentialsForm';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  await ensureAdminFromEnv();
  if (await currentUser()) redirect('/');
  if ((await userCount(db())) === 0) redirect('/setup');
  return <CredentialsForm mode="login" />;
}
