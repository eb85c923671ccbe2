import { useState } from 'preact/hooks';

type Theme = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'devtime-theme';
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
/** Charts draw on canvas with colours read from CSS; they listen for this to redraw in the new theme. */
export const THEME_CHANGE_EVENT = 'devtime-theme-change';

function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** System (prefers-color-scheme) → light → dark; the choice is kept in localStorage. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  function cycle() {
    const next = NEXT[theme];
    setTheme(next);
    try {
      if (next === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the theme still applies to this page.
    }
    if (next === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
  }
  return (
    <button type="button" class="link-button" onClick={cycle} aria-label={`Theme: ${theme}. Change theme`}>
      {theme === 'system' ? 'Theme: auto' : theme === 'light' ? 'Theme: light' : 'Theme: dark'}
    </button>
  );
}
