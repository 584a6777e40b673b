// Direct better-sqlite3 connections, for what Prisma does not offer: online backups
// and watching the database for commits. better-sqlite3 (the driver under Prisma's
// adapter) ships without type declarations; these are the few members used.
import { createRequire } from "node:module";

export type SqliteStatement = {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  pluck(on?: boolean): SqliteStatement;
};
export type SqliteDatabase = {
  backup(
    destination: string,
    options?: { progress?: (info: { totalPages: number; remainingPages: number }) => number | void },
  ): Promise<{ totalPages: number; remainingPages: number }>;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(source: string): SqliteStatement;
  exec(source: string): SqliteDatabase;
  readonly inTransaction: boolean;
  close(): void;
};
type SqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteDatabase;

export const Database = createRequire(import.meta.url)("better-sqlite3") as SqliteConstructor;
