// PLACEHOLDER: replaced by the page itself.
export function ScriptPage() {
  return (
    <div className="page">
      <h2>Scenes</h2>
    </div>
  );
}
