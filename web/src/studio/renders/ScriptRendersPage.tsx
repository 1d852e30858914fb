// PLACEHOLDER: replaced by the page itself.
export function ScriptRendersPage() {
  return (
    <div className="page">
      <h2>Renders</h2>
    </div>
  );
}
