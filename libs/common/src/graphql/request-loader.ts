import DataLoader from 'dataloader';

const LOADERS = Symbol('omnibus.loaders');

/**
 * One DataLoader per request and key, kept on the GraphQL context: field resolvers that run for
 * every item of a page (price, stock) batch into one query per page instead of one per item.
 */
export function requestLoader<K, V>(context: object, key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  const store = ((context as Record<symbol, Map<string, DataLoader<K, V>>>)[LOADERS] ??= new Map());
  let loader = store.get(key);
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
    store.set(key, loader);
  }
  return loader;
}
