import { Link } from 'react-router-dom';
import { paths } from '../../config/paths';

export function NotFoundRoute() {
  return (
    <main className="screen">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link className="btn btn--primary" to={paths.home()}>Home</Link>
    </main>
  );
}
