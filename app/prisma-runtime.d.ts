// @prisma/client ships the JavaScript of its WebAssembly query compilers without types; the app
// reaches their QueryCompiler class only to cache its plans (app/db/query-plan-cache.server.ts).
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
