// Liveness for load balancers and the test harness: no data, no login.
export function GET() {
  return Response.json({ ok: true });
}
