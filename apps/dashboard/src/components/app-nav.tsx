import { useLocation } from 'preact-iso';
import { useSession } from '../auth/session.ts';
import { RANGE_QUERY_NAMES } from '../range/range-presets.ts';
import { ThemeToggle } from './theme-toggle.tsx';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/timeline', label: 'Timeline' },
  { href: '/projects', label: 'Projects' },
  { href: '/agents', label: 'Agents' },
  { href: '/settings', label: 'Settings' },
];

/** Carries the range across pages; the session detail pages take their own query. */
function rangeSuffix(query: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const name of RANGE_QUERY_NAMES) if (query[name]) params.set(name, query[name]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function AppNav() {
  const { path, query } = useLocation();
  const { user, logout } = useSession();
  const suffix = rangeSuffix(query);
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <header class="app-header">
      <a class="brand" href={`/${suffix}`}>
        DevTime
      </a>
      <nav aria-label="Main">
        <ul class="nav-links">
          {LINKS.map((link) => (
            <li key={link.href}>
              <a
                href={`${link.href}${link.href === '/settings' ? '' : suffix}`}
                aria-current={current(link.href) ? 'page' : undefined}
              >
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="header-tools">
        <span class="muted small" title={`Time zone ${user.timezone}`}>
          {user.username}
        </span>
        <ThemeToggle />
        <button type="button" class="link-button" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}
