'use client';
import { useEffect, useState } from 'react';

/** The time, ticking every `everyMs`, so "updated N s ago" counts up between polls. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
