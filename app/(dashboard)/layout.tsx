import { redirect } from 'next/navigation';
import { currentUser, ensureAdminFromEnv } from '@/app/_server/session';

export const dynamic = 'force-dynamic';

/** Every dashboard page needs a login. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await ensureAdminFromEnv();
  if (!(await currentUser())) redirect('/login');
  return children;
}
