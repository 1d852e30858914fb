// PLACEHOLDER: replaced by the page itself.
export function NewScriptPage() {
  return (
    <div className="page">
      <h2>New script</h2>
    </div>
  );
}
