'use client';
import { useQuery } from '@tanstack/react-query';
import type { PoolForecastView } from '@/app/api/pools/[id]/forecast/forecast-view';
import { fetchJson } from './fetch-json';

/** The server recomputes a pool's forecast at most every 30 s: polling faster would only repeat it. */
const FORECAST_POLL_MS = 30_000;

export function usePoolForecast(poolId: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['pool:forecast', { poolId }],
    queryFn: () => fetchJson<PoolForecastView>(`/api/pools/${poolId}/forecast`),
    refetchInterval: FORECAST_POLL_MS,
    staleTime: FORECAST_POLL_MS / 2,
  });
}
