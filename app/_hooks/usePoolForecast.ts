'use client';
import { useQuery } from '@tanstack/react-query';
import type { SrForecastView } from '@/app/api/pools/[id]/forecast/forecast-scope';
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

/** One SR's share of its pool's forecast (its page): a few KB where the pool's can be MBs. */
export function useSrForecast(poolId: number, srUuid: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['pool:forecast', { poolId, srUuid }],
    queryFn: () => fetchJson<SrForecastView>(`/api/pools/${poolId}/forecast?sr=${encodeURIComponent(srUuid)}`),
    refetchInterval: FORECAST_POLL_MS,
    staleTime: FORECAST_POLL_MS / 2,
  });
}
