export default function OverviewPage() {
  return (
    <main style={{ padding: '1rem' }}>
      <h1>Chainwatch</h1>
    </main>
  );
}
