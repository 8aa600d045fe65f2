import type { TypedDocumentString } from '../gql/graphql';

export interface FieldError {
  path: string;
  message: string;
}

/** A GraphQL error as the Admin API sends it: its message, `extensions.code` and, for BAD_USER_INPUT, the fields. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

interface GraphQLWireError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: FieldError[] };
}

type Listener = () => void;
let bearer: string | undefined;
const unauthenticatedListeners = new Set<Listener>();

export function setBearer(token: string | undefined) {
  bearer = token;
}

/** called when the API answers UNAUTHENTICATED (an expired or revoked sign-in) */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function adminRequest<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const response = await fetch('/admin-api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  let body: { data?: TResult | null; errors?: GraphQLWireError[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`, 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED' && bearer) unauthenticatedListeners.forEach((listener) => listener());
    throw new ApiError(first.message, code, first.extensions?.fields ?? [], first.path);
  }
  if (!body.data) throw new ApiError('The server sent no data', 'NETWORK');
  return body.data;
}

/** The Shop API as a storefront sees it (the brand preview reads the live `channel` with a storefront token). */
export async function shopRequest<T>(token: string, query: string): Promise<T> {
  const response = await fetch('/shop-api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-token': token },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLWireError[] };
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? 'ERROR');
  return body.data as T;
}

/** true for errors that mean "not yours or not there": the dashboard shows both as "not found or no access" */
export function isNoAccess(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN');
}
