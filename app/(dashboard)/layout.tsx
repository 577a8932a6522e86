import { redirect } from 'next/navigation';
import { currentUser, ensureAdminFromEnv } from '@/app/_server/session';
import { Providers } from '@/app/providers';
import { Header } from '@/app/_components/Header';

export const dynamic = 'force-dynamic';

/** Every dashboard page needs a login. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await ensureAdminFromEnv();
  if (!(await currentUser())) redirect('/login');
  return (
    <Providers>
      <Header />
      {children}
    </Providers>
  );
}
