import { Link } from '../app/Link.tsx';

export function NotFoundPage() {
  return (
    <main className="page page--centered">
      <div className="empty-state">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link to="/" className="button button--primary">
          Go to your maps
        </Link>
      </div>
    </main>
  );
}
