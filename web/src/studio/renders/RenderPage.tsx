// PLACEHOLDER: replaced by the page itself.
export function RenderPage() {
  return (
    <div className="page">
      <h2>Render</h2>
    </div>
  );
}
