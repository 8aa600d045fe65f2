import { Badge, Button, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adminRequest } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm';
import { CatalogCategoriesDocument, CatalogProductsDocument, PublishProductDocument, UnpublishProductDocument } from './catalog.documents';

/** The channel's catalog: search, category filter, published or not here, publish / unpublish. */
export function CatalogPage() {
  const { channel, canEdit } = useChannelScope();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [categorySlug, setCategorySlug] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>('all');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const filter = { search: search || undefined, categorySlug: categorySlug ?? undefined };
  const products = useQuery({
    queryKey: ['catalog', channel.id, filter, published === 'yes', after],
    // "published here" asks the API for this channel's products; otherwise every product you may see
    queryFn: () => adminRequest(CatalogProductsDocument, { channelId: published === 'yes' ? channel.id : undefined, filter, after }),
  });
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => adminRequest(CatalogCategoriesDocument) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['catalog'] });
  const publish = useMutation({
    mutationFn: (productId: string) => adminRequest(PublishProductDocument, { productId, channelId: channel.id }),
    onSuccess: refresh,
  });
  const unpublish = useMutation({
    mutationFn: (productId: string) => adminRequest(UnpublishProductDocument, { productId, channelId: channel.id }),
    onSuccess: refresh,
  });
  const resetPaging = () => setCursors([undefined]);
  const rows = (products.data?.adminProducts.edges ?? [])
    .map(({ node }) => ({ ...node, isPublished: node.publications.some((p) => p.channelId === channel.id) }))
    .filter((p) => published === 'all' || (published === 'yes') === p.isPublished);

  return (
    <Stack>
      <Title order={2}>Catalog · {channel.name}</Title>
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="name, description or SKU"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            resetPaging();
          }}
        />
        <Select
          label="Category"
          clearable
          placeholder="all"
          data={(categories.data?.adminCategories.nodes ?? []).map((c) => ({ value: c.slug, label: c.name }))}
          value={categorySlug}
          onChange={(value) => {
            setCategorySlug(value);
            resetPaging();
          }}
        />
        <Select
          label="Published here"
          data={[
            { value: 'all', label: 'all' },
            { value: 'yes', label: 'published' },
            { value: 'no', label: 'not published' },
          ]}
          value={published}
          onChange={(value) => {
            setPublished(value);
            resetPaging();
          }}
          allowDeselect={false}
        />
      </Group>
      <ApiErrorAlert error={products.error ?? publish.error ?? unpublish.error} />
      {products.isPending && <Loader aria-label="Loading products" />}
      {products.data && <Text size="sm">{products.data.adminProducts.totalCount} products</Text>}
      <Table striped highlightOnHover aria-label="Products" data-testid="products">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Variants</Table.Th>
            <Table.Th>In this channel</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((product) => (
            <Table.Tr key={product.id} data-testid="product-row">
              <Table.Td>
                <Link to={product.id}>{product.name}</Link>
                <Text size="xs" c="dimmed">
                  {product.slug}
                </Text>
              </Table.Td>
              <Table.Td>{product.category?.name ?? '—'}</Table.Td>
              <Table.Td>{product.variants.length}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {product.isPublished ? <Badge color="green">published</Badge> : <Badge color="gray">not published</Badge>}
                  {canEdit &&
                    (product.isPublished ? (
                      <ConfirmButton
                        size="xs"
                        label="Unpublish"
                        question={`${product.name} disappears from the ${channel.name} storefront at once, and its prices in this channel are removed. Unpublish it?`}
                        onConfirm={() => unpublish.mutate(product.id)}
                      />
                    ) : (
                      <Button size="xs" variant="light" onClick={() => publish.mutate(product.id)}>
                        Publish
                      </Button>
                    ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </Button>
        <Button
          variant="default"
          disabled={!products.data?.adminProducts.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, products.data?.adminProducts.pageInfo.endCursor ?? undefined])}
        >
          Next page
        </Button>
      </Group>
    </Stack>
  );
}
