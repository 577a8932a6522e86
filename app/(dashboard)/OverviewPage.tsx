'use client';
import { Fragment } from 'react';
import { usePools } from '@/app/_hooks/usePools';
import { NextBackups } from '@/app/_components/NextBackups';
import { PoolCard } from '@/app/_components/PoolCard';
import { ErrorNote, Loading } from '@/app/_components/QueryState';
import { UpdatedAgo } from '@/app/_components/UpdatedAgo';

export function OverviewPage() {
  const pools = usePools();
  return (
    <main className="page">
      <div className="page-head">
        <h1>Storage repositories</h1>
        <UpdatedAgo updatedAtMs={pools.dataUpdatedAt} refreshError={pools.data ? pools.error : null} />
      </div>
      {pools.isPending && <Loading what="the pools" />}
      {pools.isError && !pools.data && <ErrorNote error={pools.error} what="the pools" />}
      {pools.data?.pools.length === 0 && (
        <p className="panel">
          No pool has been collected yet. The pools in CHAINWATCH_POOLS (see .env.example) appear here after their first collection;
          with none configured, Chainwatch watches its built-in simulated pool, which appears within a few seconds.
        </p>
      )}
      {pools.data?.pools.map((pool) => (
        <Fragment key={pool.id}>
          <PoolCard pool={pool} maxSilenceMs={pools.data.maxSilenceMs} />
          <NextBackups poolId={pool.id} poolName={pool.name} />
        </Fragment>
      ))}
    </main>
  );
}
