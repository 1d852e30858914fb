// PLACEHOLDER: replaced by the page itself.
export function ProjectsPage() {
  return (
    <div className="page">
      <h2>Your projects</h2>
    </div>
  );
}
