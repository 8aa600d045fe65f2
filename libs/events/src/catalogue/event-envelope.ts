/**
 * What an event payload may hold: JSON only, so what a connector reads is what was written (no
 * `Date`, no class instances, no Prisma types; dates travel as ISO strings, money as integer minor
 * units). A payload type that breaks this does not compile.
 */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
export type JsonObject = { readonly [key: string]: Json | undefined };

/**
 * The envelope of every Omnibus event: its type and the version of its payload's shape, the
 * aggregate it belongs to (events of one aggregate are delivered in order) and the payload.
 * A payload change that a reader would notice is a new version, never an edit of an old one.
 */
export type EventOf<Type extends string, Version extends number, Aggregate extends string, Payload extends JsonObject> = {
  type: Type;
  version: Version;
  aggregate: { type: Aggregate; id: string };
  payload: Payload;
};
