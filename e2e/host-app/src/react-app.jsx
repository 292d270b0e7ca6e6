// A React 19 host in StrictMode (development build: effects mount, clean up and mount again),
// rendering the Inbox component that docs/embedding.md shows; the test writes it to src/inbox.jsx.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Inbox } from './inbox.jsx';

const params = new URLSearchParams(location.search);
const url = params.get('server');
const getToken = async () => params.get('token');

function App() {
  // Remounting (a new key) runs the effect's cleanup and a new effect: a route change in a real app.
  const [mount, setMount] = useState(0);
  window.remount = () => setMount((n) => n + 1);
  return <Inbox key={mount} url={url} getToken={getToken} />;
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
