// The forecasts computed per pool, shared by the routes that read them and those that change their inputs.
import type { PoolForecastView } from './forecast-view';
import { ttlCache } from './ttl-cache';

/** Polling pages share one computation per pool for this long. */
const CACHE_MS = 30_000;

export const forecastCache = ttlCache<number, PoolForecastView | null>(CACHE_MS, Date.now);
