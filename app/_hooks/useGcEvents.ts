'use client';
import { useQuery } from '@tanstack/react-query';
import type { GcEventView } from '@/lib/db/read/gc-event-view';
import { fetchJson } from './fetch-json';

export function useGcEvents(srUuid: string, limit: number) {
  return useQuery({
    queryKey: ['sr:gc-events', { srUuid, limit }],
    queryFn: () => fetchJson<{ events: GcEventView[] }>(`/api/srs/${srUuid}/gc-events?limit=${limit}`),
  });
}
