// PLACEHOLDER: replaced by the page itself.
export function ProjectPage() {
  return (
    <div className="page">
      <h2>Project</h2>
    </div>
  );
}
