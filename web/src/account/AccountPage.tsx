import { Link, NavLink, Route, Routes } from 'react-router';
import { ApiKeysPage } from './ApiKeysPage';
import { ProfilePage } from './ProfilePage';
import { WebhookDeliveriesPage } from './WebhookDeliveriesPage';
import { WebhooksPage } from './WebhooksPage';
import { YouTubePage } from './YouTubePage';
import '../ui/ui.css';
import './account.css';

/** The account section: its own tabs and pages under /account. */
export function AccountPage() {
  return (
    <div className="page account">
      <div className="page-head">
        <h2>Account</h2>
      </div>
      <nav className="tabs account-tabs" aria-label="Account">
        <NavLink to="/account" end>
          Profile
        </NavLink>
        <NavLink to="/account/youtube">YouTube</NavLink>
        <NavLink to="/account/webhooks">Webhooks</NavLink>
        <NavLink to="/account/keys">API keys</NavLink>
      </nav>
      <Routes>
        <Route index element={<ProfilePage />} />
        <Route path="youtube" element={<YouTubePage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="webhooks/:id" element={<WebhookDeliveriesPage />} />
        <Route path="keys" element={<ApiKeysPage />} />
        <Route
          path="*"
          element={
            <p className="page-message">
              There is no such account page. <Link to="/account">Your profile</Link>
            </p>
          }
        />
      </Routes>
    </div>
  );
}
