/**
 * Oracles for tests of planners (review assignment, jury panels).
 *
 * A maximum flow from `source` to `sink` over a capacity matrix (Edmonds–Karp), for tests that check a
 * planner against the best any valid plan could do, computed independently of it. `capacity` is changed.
 */
export function maxFlow(capacity: number[][], source: number, sink: number): number {
  const size = capacity.length;
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < size; v++) {
        if (parent[v] === -1 && capacity[u][v] > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) return flow;
    let push = Infinity;
    for (let v = sink; v !== source; v = parent[v]) push = Math.min(push, capacity[parent[v]][v]);
    for (let v = sink; v !== source; v = parent[v]) {
      capacity[parent[v]][v] -= push;
      capacity[v][parent[v]] += push;
    }
    flow += push;
  }
}

/** Deterministic Fisher–Yates, so a failing shuffle can be replayed (for tests of planners' determinism). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
