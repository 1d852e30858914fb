import { useMemo } from 'react';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { Provider } from 'urql';
import { Feed } from '../explore/Feed';
import { createClient } from '../graphql/client';
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
            <Route path="*" element={<NotFound />} />
          </Routes>
        </main>
      </BrowserRouter>
    </Provider>
  );
}
