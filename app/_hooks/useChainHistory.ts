'use client';
import { useQuery } from '@tanstack/react-query';
import type { ChainHistory } from '@/lib/db/read/chain-history';
import { fetchJson } from './fetch-json';

export interface ChainHistoryResponse extends ChainHistory {
  fromMs: number;
  toMs: number;
}

export function useChainHistory(srUuid: string, hours: number) {
  return useQuery({
    queryKey: ['sr:chain-history', { srUuid, hours }],
    queryFn: () => fetchJson<ChainHistoryResponse>(`/api/srs/${srUuid}/chain-history?hours=${hours}`),
  });
}
