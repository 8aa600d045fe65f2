import { AdminProductRow } from '@omnibus/catalog';
import { VariantOption } from '@omnibus/catalog';
import { AdminProduct, StaffUser } from './admin.types';
import { StaffRole } from '../graphql/db-enums';

export function toAdminProduct(row: AdminProductRow): AdminProduct {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    images: row.images,
    updatedAt: row.updatedAt,
    variants: row.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      options: v.options as unknown as VariantOption[],
      prices: v.prices.map((p) => ({ channelId: p.channelId, channelCode: p.channelCode, amount: p.amount, currency: p.currencyCode })),
      cost: v.costPrice !== null && v.costCurrency ? { amount: v.costPrice, currency: v.costCurrency } : null,
    })),
    publications: row.publications.map((p) => ({
      channelId: p.channelId,
      channelCode: p.channelCode,
      name: p.name,
      description: p.description,
    })),
  };
}

export function toStaffUser(user: {
  id: string;
  email: string;
  name: string;
  superadmin: boolean;
  roles: { channelId: string; role: string }[];
}): StaffUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    superadmin: user.superadmin,
    grants: user.roles.map((r) => ({ channelId: r.channelId, role: r.role as StaffRole })),
  };
}
