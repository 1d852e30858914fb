// PLACEHOLDER: replaced by the live generation view.
export function ScriptProgress({ scriptId }: { scriptId: string }) {
  return <p className="page-message">Writing script {scriptId}…</p>;
}
