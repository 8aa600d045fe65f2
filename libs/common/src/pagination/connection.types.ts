import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Where a page of a connection lies in the whole list (the Relay connection spec)' })
export class PageInfo {
  @Field({ description: 'whether a page follows this one: ask for it with `after: endCursor`' }) hasNextPage: boolean;
  @Field({
    description: 'whether rows come before this page: true when it was asked for with `after` (paging runs forwards only)',
  })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'the cursor of the first edge; null on an empty page' }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'the cursor of the last edge; null on an empty page' }) endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `page size, at most ${MAX_PAGE_SIZE}` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @IsOptional()
  @IsString()
  after?: string;
}

/** A page as services return it; `cursors[i]` is the cursor of `nodes[i]` (see `buildPage`). */
export interface Page<T> {
  nodes: T[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The same page with each node translated (for the API's types); cursors stay with their nodes. */
export function mapPage<T, U>(page: Page<T>, translate: (node: T) => U): Page<U> {
  return { ...page, nodes: page.nodes.map((node) => translate(node)) };
}

/**
 * Builds a Relay connection type for a node type: `edges { cursor node }`, `nodes` (the same
 * nodes without cursors), `pageInfo` and `totalCount`.
 */
export function Connection<T>(nodeType: Type<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `one ${name} of a page, with the cursor to continue after it` })
  class Edge {
    @Field(() => nodeType) node: T;
    @Field({ description: 'pass as `after` to get the rows that follow this one' }) cursor: string;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [nodeType], { description: 'the nodes of the edges, in the same order' }) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'how many rows the whole list has (all pages, same filters)' }) totalCount: number;
  }
  return ConnectionType;
}

/** Turns a service page (see `buildPage`) into the connection shape. */
export function toConnection<T>(page: Page<T>) {
  return {
    edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
    nodes: page.nodes,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.startCursor,
      endCursor: page.endCursor,
    },
    totalCount: page.totalCount,
  };
}
