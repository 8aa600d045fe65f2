import { isUuid, NotFoundError, UserInputError } from '@omnibus/common';
import { Prisma } from '@omnibus/db';
import { VariantRef } from './inventory.types';

type Db = Pick<Prisma.TransactionClient, 'productVariant'>;

/** Finds the variant named by id or SKU (exactly one); `path` is the argument the fields sit in (`input`, or '' for top-level arguments). */
export async function resolveVariant(db: Db, ref: VariantRef, path: string): Promise<{ id: string; sku: string; productId: string }> {
  if ((ref.variantId === undefined || ref.variantId === null) === (ref.sku === undefined || ref.sku === null)) {
    throw UserInputError.field(`${path ? `${path}.` : ''}variantId`, 'give either variantId or sku');
  }
  if (ref.variantId !== undefined && ref.variantId !== null && !isUuid(ref.variantId)) throw new NotFoundError('Variant', ref.variantId);
  const variant = await db.productVariant.findUnique({
    where: ref.variantId ? { id: ref.variantId } : { sku: ref.sku! },
    select: { id: true, sku: true, productId: true },
  });
  if (!variant) throw new NotFoundError('Variant', ref.variantId ?? ref.sku);
  return variant;
}
