'use client';
import { useQuery } from '@tanstack/react-query';
import type { SpeedReadingView } from '@/lib/db/read/speed-readings';
import { fetchJson } from './fetch-json';

export function useSpeedReadings(srUuid: string) {
  return useQuery({
    queryKey: ['sr:speed', { srUuid }],
    queryFn: () => fetchJson<{ readings: SpeedReadingView[] }>(`/api/srs/${srUuid}/speed?limit=20`),
  });
}
