import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one HTTP request computes once and every loader of it shares. Remix hands
 * each loader its own copy of the Request, so a cache keyed by the Request object
 * would miss; the server runs each request inside `runInRequestScope` instead.
 */
export type RequestScope = {
  memo: Map<string, Promise<unknown>>;
  /** Set-Cookie values the response must carry whichever route answers (see app/server/app.ts). */
  responseCookies: string[];
  /** Run once the response has gone: every transaction of the request has committed by then. */
  afterResponse: Set<() => void>;
};

// The Express server (run from source) and the Remix build (bundled) each load this
// module: one storage on globalThis makes both see the same scope.
const STORAGE_KEY = Symbol.for("tremplin.requestScope");
const globalStore = globalThis as unknown as { [STORAGE_KEY]?: AsyncLocalStorage<RequestScope> };
const storage = (globalStore[STORAGE_KEY] ??= new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(fn: (scope: RequestScope) => T): T {
  const scope: RequestScope = { memo: new Map(), responseCookies: [], afterResponse: new Set() };
  return storage.run(scope, () => fn(scope));
}

/** Makes the current response carry this cookie, even if the route that answers never mentions it. */
export function setCookieOnResponse(cookie: string): void {
  storage.getStore()?.responseCookies.push(cookie);
}

/** Runs `fn` once this request's response has gone (once per request however often it is asked); outside a request, never. */
export function runAfterResponse(fn: () => void): void {
  storage.getStore()?.afterResponse.add(fn);
}

/** `runAfterResponse` inside a request; outside one (a script, a test calling a loader directly), at once. */
export function afterResponseOrNow(fn: () => void): void {
  const scope = storage.getStore();
  if (scope) scope.afterResponse.add(fn);
  else fn();
}

/** Called by the HTTP layer when the response has been sent. */
export function responseSent(scope: RequestScope): void {
  for (const fn of scope.afterResponse) fn();
  scope.afterResponse.clear();
}

/**
 * Computes `compute()` once per page request and shares the promise. Only reads
 * (GET/HEAD) are memoized: after a form post's action, the loaders that run in the
 * same request must see what the action changed.
 */
export function memoizePerRequest<T>(request: Request, key: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope || (request.method !== "GET" && request.method !== "HEAD")) return compute();
  let value = scope.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    scope.memo.set(key, value);
  }
  return value;
}
