import type { ProblemDetails } from './types';

/** The hub answered with an error status; `message` is the problem's detail (what to show the operator). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  /** For a 400 validation problem: the hub's message per field. */
  readonly fields: Record<string, string[]>;

  constructor(status: number, problem: ProblemDetails | null) {
    const fields = problem?.errors ?? {};
    super(problem?.detail ?? (Object.keys(fields).length > 0 ? Object.values(fields).flat().join(' ') : undefined) ?? problem?.title ?? defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.title = problem?.title ?? '';
    this.fields = fields;
  }
}

/** The request never got an answer (offline, hub restarting). Safe to retry idempotent calls. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Cannot reach the hub. Check your connection.', { cause });
    this.name = 'NetworkError';
  }
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please log in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found.';
  return `The hub answered with status ${status}.`;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** Called when any API call (other than login/me) gets 401: the cookie expired. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readProblem(response: Response): Promise<ProblemDetails | null> {
  try {
    const text = await response.text();
    if (!text) return null;
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ProblemDetails) : null;
  } catch {
    return null;
  }
}

/** Human text for any error thrown by the API layer. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
