/** In-app addresses built in more than one place (the routes themselves are in app.tsx). */

/** An agent session's detail page (`/agents/sessions/:agent/:id`). */
export function agentSessionHref(agent: string, sessionId: string): string {
  return `/agents/sessions/${encodeURIComponent(agent)}/${encodeURIComponent(sessionId)}`;
}

/** A project's page (`/projects/:name`), keeping the selected range (`rangeQueryString`). */
export function projectHref(project: string, rangeQuery: string): string {
  return `/projects/${encodeURIComponent(project)}?${rangeQuery}`;
}
