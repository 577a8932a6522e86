'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { usePools } from '@/app/_hooks/usePools';
import { DemoBadge } from './DemoBadge';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/analyze', label: 'Analyze' },
  { href: '/settings', label: 'Settings' },
];

export function Header() {
  const pathname = usePathname();
  const pools = usePools();
  const [leaving, setLeaving] = useState(false);

  async function logout() {
    setLeaving(true);
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    window.location.assign('/login');
  }

  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Chainwatch
      </Link>
      <nav aria-label="Main">
        <ul className="nav-links">
          {NAV.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={pathname === item.href ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ul className="header-pools" aria-label="Watched pools">
        {pools.data?.pools.map((pool) => (
          <li key={pool.id} title={pool.nameLabel && pool.nameLabel !== pool.name ? `XAPI name: ${pool.nameLabel}` : undefined}>
            {pool.name}
            {pool.demo && <DemoBadge />}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary logout" onClick={logout} disabled={leaving}>
        {leaving ? 'Logging out…' : 'Log out'}
      </button>
    </header>
  );
}
