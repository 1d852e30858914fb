import { useMemo } from 'react';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { Provider } from 'urql';
import { AccountPage } from '../account/AccountPage';
import { RequireSignIn } from '../auth/RequireSignIn';
import { SignInPage } from '../auth/SignInPage';
import { Feed } from '../explore/Feed';
import { createClient } from '../graphql/client';
import { NewScriptPage } from '../studio/projects/NewScriptPage';
import { ProjectPage } from '../studio/projects/ProjectPage';
import { ProjectsPage } from '../studio/projects/ProjectsPage';
import { RenderPage } from '../studio/renders/RenderPage';
import { ScriptRendersPage } from '../studio/renders/ScriptRendersPage';
import { ScriptPage } from '../studio/script/ScriptPage';
import { StudioLayout } from '../studio/StudioLayout';
import { NotFound } from './NotFound';

function ReelPage() {
  const { id } = useParams();
  // A new id is a new feed (it starts at that reel), not a re-render of the old one.
  return <Feed key={id} startAt={id} />;
}

export function App() {
  const client = useMemo(createClient, []);
  return (
    <Provider value={client}>
      <BrowserRouter>
        <main className="app">
          <h1 className="visually-hidden">reelforge</h1>
          <Routes>
            <Route path="/" element={<Feed />} />
            <Route path="/reel/:id" element={<ReelPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route
              element={
                <RequireSignIn>
                  <StudioLayout />
                </RequireSignIn>
              }
            >
              <Route path="/studio" element={<ProjectsPage />} />
              <Route path="/studio/projects/:projectId" element={<ProjectPage />} />
              <Route path="/studio/projects/:projectId/new" element={<NewScriptPage />} />
              <Route path="/studio/scripts/:scriptId" element={<ScriptPage />} />
              <Route path="/studio/scripts/:scriptId/renders" element={<ScriptRendersPage />} />
              <Route path="/studio/renders/:renderId" element={<RenderPage />} />
              <Route path="/account/*" element={<AccountPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Routes>
        </main>
      </BrowserRouter>
    </Provider>
  );
}
