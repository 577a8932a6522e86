'use client';
import { ApiError } from '@/app/_hooks/fetch-json';

/** "Loading the chains…", in words, announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** What went wrong and what to do; a lost session links to the login page. */
export function ErrorNote({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="error-note" role="alert">
      <p>
        Could not load {what}. {message}
      </p>
      {error instanceof ApiError && error.status === 401 && <a href="/login">Log in</a>}
    </div>
  );
}
