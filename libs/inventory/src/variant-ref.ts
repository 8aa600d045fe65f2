import type { VariantDirectory, VariantSummary } from '@omnibus/catalog';
import { isUuid, NotFoundError, UserInputError } from '@omnibus/common';
import { VariantRef } from './inventory.types';

/** Finds the variant named by id or SKU (exactly one); `path` is the argument the fields sit in (`input`, or '' for top-level arguments). */
export async function resolveVariant(variants: VariantDirectory, ref: VariantRef, path: string): Promise<VariantSummary> {
  if ((ref.variantId === undefined || ref.variantId === null) === (ref.sku === undefined || ref.sku === null)) {
    throw UserInputError.field(`${path ? `${path}.` : ''}variantId`, 'give either variantId or sku');
  }
  if (ref.variantId !== undefined && ref.variantId !== null && !isUuid(ref.variantId)) throw new NotFoundError('Variant', ref.variantId);
  const variant = await variants.find(ref.variantId ? { id: ref.variantId } : { sku: ref.sku! });
  if (!variant) throw new NotFoundError('Variant', ref.variantId ?? ref.sku);
  return variant;
}
