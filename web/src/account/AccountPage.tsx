// PLACEHOLDER: replaced by the page itself.
export function AccountPage() {
  return (
    <div className="page">
      <h2>Account</h2>
    </div>
  );
}
