export function NotFound() {
  return (
    <div className="feed-message">
      <p>There is no page here.</p>
      <a href="/">See the latest reels</a>
    </div>
  );
}
