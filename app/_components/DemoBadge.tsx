/** Marks data from the built-in simulator, so nobody mistakes it for a real pool. */
export function DemoBadge() {
  return (
    <span className="badge badge-demo" title="Simulated pool: the data is made up by Chainwatch's built-in simulator">
      Demo
    </span>
  );
}
