/** GET/POST to our API, turning every failure into a sentence a person can act on. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sentenceFor(status: number, body: { error?: string; issues?: { path?: string; message: string }[] }): string {
  if (status === 401) return 'Your session has ended: log in again.';
  const issues = body.issues?.map((i) => i.message).join(' ');
  if (body.error && issues) return `${body.error} ${issues}`;
  return body.error ?? `The server answered ${status}: see its log.`;
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError(0, 'Chainwatch did not answer: check that the server is running and your network is up.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Parameters<typeof sentenceFor>[1];
    throw new ApiError(res.status, sentenceFor(res.status, body));
  }
  return (await res.json()) as T;
}

/** POSTs JSON and returns the answer as a file (a download). */
export async function fetchBlob(url: string, body: unknown): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Chainwatch did not answer: check that the server is running and your network is up.');
  }
  if (!res.ok) {
    const answer = (await res.json().catch(() => ({}))) as Parameters<typeof sentenceFor>[1];
    throw new ApiError(res.status, sentenceFor(res.status, answer));
  }
  return res.blob();
}
