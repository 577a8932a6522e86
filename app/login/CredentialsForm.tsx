'use client';
import { useState } from 'react';

type Mode = 'login' | 'setup';

const TEXT: Record<Mode, { title: string; intro: string; button: string; endpoint: string }> = {
  login: { title: 'Chainwatch', intro: 'Log in to watch your VHD chains.', button: 'Log in', endpoint: '/api/auth/login' },
  setup: {
    title: 'Welcome to Chainwatch',
    intro: 'No account exists yet: create the administrator account.',
    button: 'Create account',
    endpoint: '/api/auth/setup',
  },
};

export function CredentialsForm({ mode }: { mode: Mode }) {
  const text = TEXT[mode];
  const [name, setName] = useState(mode === 'setup' ? 'admin' : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(text.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      if (res.ok) {
        window.location.assign('/');
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: { message: string }[] };
      setError(
        res.status === 401
          ? 'Wrong name or password.'
          : (body.issues?.map((i) => i.message).join(' ') || body.error) ?? `Failed (${res.status}).`,
      );
    } catch {
      setError('The server did not answer: check that Chainwatch is running.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="panel auth-card" onSubmit={submit} aria-label={text.button}>
        <h1>{text.title}</h1>
        <p className="muted">{text.intro}</p>
        <label htmlFor="name">Name</label>
        <input id="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? '…' : text.button}
        </button>
      </form>
    </main>
  );
}
