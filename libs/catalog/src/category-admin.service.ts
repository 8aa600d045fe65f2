import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { NotFoundError, Page, pageInMemory, PageQuery, UserInputError } from '@omnibus/common';
import { PrismaService, Category } from '@omnibus/db';
import { CategoryData } from './catalog-admin.types';
import { buildTree } from './channel-catalog.service';
import { CategoryNode } from './catalog.types';

/** Categories: a shared taxonomy (superadmin) plus each brand's own (its managers). */
@Injectable()
export class CategoryAdminService {
  constructor(private readonly prisma: PrismaService) {}

  async tree(principal: StaffPrincipal): Promise<CategoryNode[]> {
    const readable = AccessPolicy.readableChannelIds(principal);
    const rows = await this.prisma.category.findMany({
      where: readable ? { OR: [{ channelId: null }, { channelId: { in: readable } }] } : {},
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
    });
    return buildTree(rows);
  }

  /**
   * A page of the tree's top categories (each with its whole subtree), by position, name, id. The
   * tree is built from every category the caller may read (a small table), then its roots are paged.
   */
  async treePage(principal: StaffPrincipal, query: PageQuery): Promise<Page<CategoryNode>> {
    return pageInMemory(await this.tree(principal), query, [{ field: 'position' }, { field: 'name' }, { field: 'id' }]);
  }

  async create(principal: StaffPrincipal, data: CategoryData): Promise<Category> {
    this.assertCanManage(principal, data.channelId ?? null);
    await this.assertParentUsable(data.parentId, data.channelId ?? null);
    return this.prisma.category.create({
      data: {
        slug: data.slug,
        name: data.name,
        parentId: data.parentId ?? null,
        position: data.position ?? 0,
        channelId: data.channelId ?? null,
      },
    });
  }

  async update(principal: StaffPrincipal, id: string, data: Partial<Omit<CategoryData, 'channelId'>>): Promise<Category> {
    const current = await this.get(principal, id);
    this.assertCanManage(principal, current.channelId);
    if (data.parentId) {
      if (data.parentId === id) throw UserInputError.field('input.parentId', 'a category cannot be its own parent');
      await this.assertParentUsable(data.parentId, current.channelId);
    }
    return this.prisma.category.update({
      where: { id },
      data: { slug: data.slug, name: data.name, parentId: data.parentId, position: data.position },
    });
  }

  async delete(principal: StaffPrincipal, id: string): Promise<boolean> {
    const current = await this.get(principal, id);
    this.assertCanManage(principal, current.channelId);
    const children = await this.prisma.category.count({ where: { parentId: id } });
    if (children) throw UserInputError.field('id', 'move or delete its subcategories first');
    await this.prisma.category.delete({ where: { id } });
    return true;
  }

  private async get(principal: StaffPrincipal, id: string): Promise<Category> {
    const category = await this.prisma.category.findUnique({ where: { id } });
    if (!category || (category.channelId && !AccessPolicy.canRead(principal, category.channelId))) throw new NotFoundError('Category', id);
    return category;
  }

  private assertCanManage(principal: StaffPrincipal, channelId: string | null) {
    if (channelId === null) AccessPolicy.assertSuperadmin(principal);
    else AccessPolicy.assertWrite(principal, channelId);
  }

  private async assertParentUsable(parentId: string | null | undefined, channelId: string | null) {
    if (!parentId) return;
    const parent = await this.prisma.category.findUnique({ where: { id: parentId } });
    if (!parent) throw UserInputError.field('input.parentId', 'no such category');
    if (parent.channelId && parent.channelId !== channelId) {
      throw UserInputError.field('input.parentId', "the parent belongs to another channel's categories");
    }
  }
}
