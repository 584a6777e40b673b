// Query plans reused across queries of the same shape.
//
// Prisma 6.19 compiles every query builder call (findMany, update…) to a query plan with its
// WebAssembly query compiler, on the request's thread: 0.5–1 ms of CPU a call on this machine,
// more than SQLite's own work for most of the app's queries. Prisma 7.4 caches plans by the
// query's shape; 6.19's compiler already accepts `Param` placeholders in a query, but its client
// never sends any. `cacheQueryPlans` wraps the compiler's `compile` (db/client.server.ts and
// db/postgres.server.ts install it for each database's runtime).
//
// A query's shape is the query with the values of its filters and written data replaced by
// placeholders; what decides the SQL (which fields, operators, null tests, ordering, take/skip,
// list lengths) stays in the shape. A shape's plan is trusted only after a check, the first time
// the shape is seen: the placeholder plan, with this query's values put back where its
// placeholders are, must be exactly the plan compiled from the query itself, and every value must
// land in a placeholder. A shape that fails the check (the compiler folded a value into the SQL —
// `contains` builds its LIKE pattern at compile time — or refused a placeholder there) is compiled
// query by query, as without the cache. A later query of a checked shape gets the cached plan with
// its own values put in, as the literal plan would hold them.

/** The JSON protocol query the client sends to its compiler (a model, an action, arguments, a selection). */
type JsonQuery = Record<string, unknown>;

/** How a query's value becomes the value the plan's placeholder stands for. */
type Conversion = "as-is" | "unwrapped";
type CheckedShape = { plan: unknown; conversions: Map<string, Conversion>; holders: WeakSet<object> };
type CachedShape = CheckedShape | "uncacheable";

/** Shapes kept per compiler (per client); the oldest goes past this. The app has a few hundred. */
const MAX_SHAPES = 2000;
/** The arguments whose values are data rather than structure. */
const VALUE_ARGUMENTS = new Set(["where", "data", "cursor", "create", "update"]);
/**
 * Keys under those whose values decide the SQL itself: case-insensitive matching, a JSON path,
 * `disconnect: true`, `delete: true`, `skipDuplicates`. The check would catch them; leaving them in
 * the shape saves the compiler a refusal.
 */
const STRUCTURAL_KEYS = new Set(["mode", "path", "disconnect", "delete", "skipDuplicates"]);
/** Tagged values that stand for a scalar (the others — field references, JSON, raw — stay in the shape). */
const SCALAR_TAGS = new Set(["DateTime", "BigInt", "Decimal"]);

type Parameterized = { query: JsonQuery; values: Map<string, unknown> };

/** The query with its values replaced by `{ $type: "Param" }` placeholders, and those values by name. */
export function parameterize(query: JsonQuery): Parameterized {
  const values = new Map<string, unknown>();
  const placeholder = (value: unknown, tag: string) => {
    const name = `p${values.size}${tag}`;
    values.set(name, value);
    return { $type: "Param", value: name };
  };
  const valueOf = (value: unknown): unknown => {
    if (value === null) return null;
    switch (typeof value) {
      case "string":
        return placeholder(value, "s");
      case "number":
        return placeholder(value, "n");
      case "boolean":
        return placeholder(value, "b");
      case "object":
        break;
      default:
        return value;
    }
    if (Array.isArray(value)) return value.map(valueOf);
    const tagged = value as { $type?: unknown };
    if (typeof tagged.$type === "string") return SCALAR_TAGS.has(tagged.$type) ? placeholder(value, tagged.$type) : value;
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = STRUCTURAL_KEYS.has(key) ? inner : valueOf(inner);
    return copy;
  };
  const fieldQuery = (field: Record<string, unknown>): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...field };
    if (field.arguments && typeof field.arguments === "object") {
      const args: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(field.arguments)) args[key] = VALUE_ARGUMENTS.has(key) ? valueOf(value) : value;
      copy.arguments = args;
    }
    if (field.selection && typeof field.selection === "object") {
      const selection: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(field.selection))
        selection[key] = value !== null && typeof value === "object" ? fieldQuery(value as Record<string, unknown>) : value;
      copy.selection = selection;
    }
    return copy;
  };
  const body = query.query;
  return {
    query: body && typeof body === "object" ? { ...query, query: fieldQuery(body as Record<string, unknown>) } : query,
    values,
  };
}

const isPlaceholder = (node: unknown): node is { prisma__type: "param"; prisma__value: { name: string } } =>
  node !== null && typeof node === "object" && (node as { prisma__type?: unknown }).prisma__type === "param";

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * How each placeholder of `placeholderPlan` is filled so that it becomes `literalPlan`, or undefined when
 * it cannot: the plans differ elsewhere, a value is transformed, or a value never reaches a placeholder.
 */
export function placeholderConversions(
  placeholderPlan: unknown,
  literalPlan: unknown,
  values: ReadonlyMap<string, unknown>,
): Map<string, Conversion> | undefined {
  const conversions = new Map<string, Conversion>();
  const match = (node: unknown, literal: unknown): boolean => {
    // The compiler's own placeholders (for generated ids…) are part of both plans, like any other node.
    if (isPlaceholder(node) && values.has(node.prisma__value.name)) {
      const name = node.prisma__value.name;
      const value = values.get(name);
      // An integer written in the query reaches the plan as a decimal string (typed bigint, below).
      const conversion: Conversion | undefined =
        deepEqual(literal, value) || (Number.isSafeInteger(value) && literal === String(value))
          ? "as-is"
          : value !== null && typeof value === "object" && "value" in value && deepEqual(literal, value.value)
            ? "unwrapped"
            : undefined;
      if (!conversion || (conversions.has(name) && conversions.get(name) !== conversion)) return false;
      conversions.set(name, conversion);
      return true;
    }
    if (node === null || literal === null || typeof node !== "object" || typeof literal !== "object") return node === literal;
    if (Array.isArray(node) !== Array.isArray(literal)) return false;
    const keys = Object.keys(node);
    if (keys.length !== Object.keys(literal).length) return false;
    return keys.every((key) => {
      if (!Object.hasOwn(literal, key)) return false;
      const [inner, literalInner] = [(node as Record<string, unknown>)[key], (literal as Record<string, unknown>)[key]];
      // The compiler types an integer placeholder as int and the same integer written in the query as
      // bigint: both reach the driver as that integer.
      if (key === "scalarType" && inner === "int" && literalInner === "bigint") return true;
      return match(inner, literalInner);
    });
  };
  if (!match(placeholderPlan, literalPlan)) return undefined;
  // A value that reaches no placeholder was decided on at compile time: the plan holds for it alone.
  if (conversions.size !== values.size) return undefined;
  return conversions;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The nodes of `plan` that hold one of `names`' placeholders, themselves or below. */
function nodesWithPlaceholders(plan: unknown, names: ReadonlyMap<string, Conversion>): WeakSet<object> {
  const holders = new WeakSet<object>();
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== "object") return false;
    let holds = isPlaceholder(node) && names.has(node.prisma__value.name);
    for (const inner of Object.values(node)) holds = visit(inner) || holds;
    if (holds) holders.add(node);
    return holds;
  };
  visit(plan);
  return holders;
}

/** The cached plan with this query's values where its placeholders are; what holds none is shared. */
function bind(shape: CheckedShape, values: ReadonlyMap<string, unknown>): unknown {
  const copy = (node: unknown): unknown => {
    if (node === null || typeof node !== "object" || !shape.holders.has(node)) return node;
    if (isPlaceholder(node)) {
      const name = node.prisma__value.name;
      const value = values.get(name);
      return shape.conversions.get(name) === "as-is" ? value : (value as { value: unknown }).value;
    }
    if (Array.isArray(node)) return node.map(copy);
    const bound: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(node)) bound[key] = copy(inner);
    return bound;
  };
  return copy(shape.plan);
}

type Compile = (request: string) => unknown;

/**
 * The plan for the query `request` (the JSON text the client hands its compiler): the cached plan
 * of its shape with its values put in, or, the first time a shape is seen, the compiled plan.
 */
export function compileWithCache(shapes: Map<string, CachedShape>, request: string, compile: Compile): unknown {
  const query = JSON.parse(request) as JsonQuery;
  // Raw SQL is compiled in a fraction of the time, and its shape would be its parameters.
  const action = query.action;
  if (action === "queryRaw" || action === "executeRaw" || action === "runCommandRaw") return compile(request);
  const { query: shapeQuery, values } = parameterize(query);
  const shapeText = JSON.stringify(shapeQuery);
  const cached = shapes.get(shapeText);
  if (cached === "uncacheable") return compile(request);
  if (cached) return bind(cached, values);
  const literalPlan = compile(request);
  let entry: CachedShape = "uncacheable";
  if (values.size === 0) {
    entry = { plan: deepFreeze(literalPlan), conversions: new Map(), holders: new WeakSet() };
  } else {
    try {
      const placeholderPlan = compile(shapeText);
      const conversions = placeholderConversions(placeholderPlan, literalPlan, values);
      if (conversions)
        entry = { plan: deepFreeze(placeholderPlan), conversions, holders: nodesWithPlaceholders(placeholderPlan, conversions) };
    } catch {
      // The compiler refused a placeholder somewhere in this shape: compiled query by query.
    }
  }
  if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
  shapes.set(shapeText, entry);
  return literalPlan;
}

type CompilerClass = { prototype: { compile: Compile } };
/** What the wrapper keeps, on the compiler class itself: a module loaded again (tests) finds it there. */
type CacheState = { shapesByCompiler: WeakMap<object, Map<string, CachedShape>>; counts: { compiled: number; reused: number } };
const STATE = Symbol.for("tremplin.queryPlanCache");
type WrappedPrototype = CompilerClass["prototype"] & { [STATE]?: CacheState };

/**
 * Wraps `compile` of a query compiler class (@prisma/client's WebAssembly runtime for one database):
 * every client of that database in this process then reuses plans, each compiler instance its own.
 */
export function cacheQueryPlans(QueryCompiler: CompilerClass): void {
  const prototype = QueryCompiler.prototype as WrappedPrototype;
  if (prototype[STATE]) return;
  const compile = prototype.compile;
  const state: CacheState = { shapesByCompiler: new WeakMap(), counts: { compiled: 0, reused: 0 } };
  prototype.compile = function compileCached(this: object, request: string) {
    let shapes = state.shapesByCompiler.get(this);
    if (!shapes) state.shapesByCompiler.set(this, (shapes = new Map()));
    let compiled = false;
    const plan = compileWithCache(shapes, request, (text) => {
      compiled = true;
      return compile.call(this, text);
    });
    state.counts[compiled ? "compiled" : "reused"]++;
    return plan;
  };
  prototype[STATE] = state;
}

/** How many queries this process's clients of one database had compiled, and how many reused a plan. */
export function queryPlanCounts(QueryCompiler: CompilerClass): { compiled: number; reused: number } {
  const state = (QueryCompiler.prototype as WrappedPrototype)[STATE];
  return state ? { ...state.counts } : { compiled: 0, reused: 0 };
}
