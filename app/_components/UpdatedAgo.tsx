'use client';
import { useNow } from '@/app/_hooks/useNow';
import { formatAgo, formatFull } from './format';

/** "Updated 4 s ago" for polled data; says so when the last refresh failed and older data is shown. */
export function UpdatedAgo({ updatedAtMs, refreshError }: { updatedAtMs: number; refreshError: unknown }) {
  const now = useNow();
  if (updatedAtMs === 0) return null;
  return (
    <p className="updated">
      <span title={formatFull(updatedAtMs)}>Updated {formatAgo(updatedAtMs, now)}</span>
      {refreshError instanceof Error && (
        <span className="error" role="alert">
          {' '}
          · refresh failed, showing older data: {refreshError.message}
        </span>
      )}
    </p>
  );
}
