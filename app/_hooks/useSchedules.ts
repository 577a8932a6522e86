'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PoolSchedulesView } from '@/app/api/_lib/schedules';
import { fetchJson } from './fetch-json';

export interface NewSchedule {
  scope: 'pool' | 'vm';
  vmUuid?: string;
  cron: string;
  label: string;
}

const key = (poolId: number) => ['pool:schedules', { poolId }];

export function useSchedules(poolId: number) {
  return useQuery({ queryKey: key(poolId), queryFn: () => fetchJson<PoolSchedulesView>(`/api/pools/${poolId}/schedules`) });
}

/** Saving or deleting refreshes the list and the pool's forecasts (the next backups change). */
function useScheduleMutation<I>(poolId: number, send: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: key(poolId) }), client.invalidateQueries({ queryKey: ['pool:forecast', { poolId }] })]),
  });
}

export function useSaveSchedule(poolId: number) {
  return useScheduleMutation(poolId, (input: NewSchedule) =>
    fetchJson<{ id: number }>(`/api/pools/${poolId}/schedules`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }),
  );
}

export function useDeleteSchedule(poolId: number) {
  return useScheduleMutation(poolId, (id: number) => fetchJson<{ deleted: number }>(`/api/pools/${poolId}/schedules/${id}`, { method: 'DELETE' }));
}
