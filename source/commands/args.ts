// Typed reads of parsed flags and positionals, failing with a usage error that says what is wrong.
import {UsageError} from './exit.js';
import type {ArgValues, CommandArgs} from './context.js';

export function stringFlag(values: ArgValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(values: ArgValues, name: string): boolean {
  return values[name] === true;
}

export function stringList(values: ArgValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Exactly `names.length` required positionals plus up to `optional` more. */
export function positionals(args: CommandArgs, names: string[], optional: string[] = []): string[] {
  const given = args.positionals;
  if (given.length < names.length) {
    throw new UsageError(`missing ${names.slice(given.length).join(' and ')}`);
  }
  if (given.length > names.length + optional.length) {
    throw new UsageError(`unexpected argument "${given[names.length + optional.length]}"`);
  }
  return given;
}
