import { Anchor, Badge, Button, Group, Image, Loader, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { adminRequest, isNoAccess } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatMoney } from '../../ui/money';
import { NotFoundOrNoAccess } from '../../ui/not-found';
import { CatalogProductDocument, PublishProductDocument, UpdateProductDocument } from './catalog.documents';

export function ErpBadge() {
  return (
    <Tooltip label="Kept by the ERP: change it there, the next sync brings it here">
      <Badge color="grape" variant="light" size="sm" data-testid="erp-badge">
        owned by the ERP
      </Badge>
    </Tooltip>
  );
}

/** One product: its shared fields (ERP-owned ones read-only), this channel's storefront texts, variants with prices and cost. */
export function ProductPage() {
  const { productId } = useParams();
  const { channel, canEdit } = useChannelScope();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['product', productId], queryFn: () => adminRequest(CatalogProductDocument, { id: productId! }) });
  const product = query.data?.adminProduct;
  const publication = product?.publications.find((p) => p.channelId === channel.id);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [overrideName, setOverrideName] = useState('');
  const [overrideDescription, setOverrideDescription] = useState('');
  useEffect(() => {
    if (!product) return;
    setName(product.name);
    setDescription(product.description);
    setOverrideName(publication?.name ?? '');
    setOverrideDescription(publication?.description ?? '');
  }, [product, publication]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['product', productId] });
  const save = useMutation({
    mutationFn: () =>
      adminRequest(UpdateProductDocument, {
        id: productId!,
        input: { description, ...(product?.erpOwnedFields.includes('name') ? {} : { name }) },
      }),
    onSuccess: () => {
      notifications.show({ message: 'Product saved' });
      void refresh();
    },
  });
  const saveOverrides = useMutation({
    mutationFn: () =>
      adminRequest(PublishProductDocument, {
        productId: productId!,
        channelId: channel.id,
        overrides: { name: overrideName || null, description: overrideDescription || null },
      }),
    onSuccess: () => {
      notifications.show({ message: `Storefront texts for ${channel.name} saved` });
      void refresh();
    },
  });

  if (query.isPending) return <Loader aria-label="Loading product" />;
  if (isNoAccess(query.error) || (product && !publication && !canEdit)) return <NotFoundOrNoAccess what="product" />;
  if (query.error || !product) return <ApiErrorAlert error={query.error} />;
  const erpOwnsName = product.erpOwnedFields.includes('name');
  const erpOwnsCategory = product.erpOwnedFields.includes('categoryId');

  return (
    <Stack maw={960}>
      <Anchor component={Link} to={`/channels/${channel.code}/catalog`} size="sm">
        ← Catalog
      </Anchor>
      <Group>
        <Title order={2}>{product.name}</Title>
        {publication ? <Badge color="green">published in {channel.name}</Badge> : <Badge color="gray">not published here</Badge>}
      </Group>
      <Title order={3}>Shared fields</Title>
      <TextInput
        label={<Group gap={6}>Name {erpOwnsName && <ErpBadge />}</Group>}
        value={name}
        readOnly={erpOwnsName || !canEdit}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(save.error, 'input.name')}
      />
      <Group gap={6}>
        <Text size="sm" fw={500}>
          Category:
        </Text>
        <Text size="sm">{product.category?.name ?? '—'}</Text>
        {erpOwnsCategory && <ErpBadge />}
      </Group>
      <Textarea
        label="Description"
        autosize
        minRows={3}
        value={description}
        readOnly={!canEdit}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={fieldError(save.error, 'input.description')}
      />
      <ApiErrorAlert error={save.error} />
      {canEdit && (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save product
          </Button>
        </Group>
      )}
      {product.images.length > 0 && (
        <Group>
          {product.images.map((image) => (
            <Image key={image.url} src={image.url} alt={image.alt ?? product.name} h={80} w="auto" />
          ))}
        </Group>
      )}

      {publication && (
        <>
          <Title order={3}>Storefront texts in {channel.name}</Title>
          <TextInput
            label="Name override"
            placeholder={product.name}
            value={overrideName}
            readOnly={!canEdit}
            onChange={(e) => setOverrideName(e.currentTarget.value)}
            error={fieldError(saveOverrides.error, 'overrides.name')}
          />
          <Textarea
            label="Description override"
            autosize
            minRows={2}
            value={overrideDescription}
            readOnly={!canEdit}
            onChange={(e) => setOverrideDescription(e.currentTarget.value)}
            error={fieldError(saveOverrides.error, 'overrides.description')}
          />
          <ApiErrorAlert error={saveOverrides.error} />
          {canEdit && (
            <Group>
              <Button variant="light" onClick={() => saveOverrides.mutate()} loading={saveOverrides.isPending}>
                Save storefront texts
              </Button>
            </Group>
          )}
        </>
      )}

      <Title order={3}>Variants</Title>
      <Table aria-label="Variants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Options</Table.Th>
            <Table.Th>Price in {channel.name}</Table.Th>
            <Table.Th>ERP cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {product.variants.map((variant) => {
            const price = variant.prices.find((p) => p.channelId === channel.id);
            return (
              <Table.Tr key={variant.id}>
                <Table.Td>
                  {variant.sku} {variant.erpOwnedFields.includes('sku') && <ErpBadge />}
                </Table.Td>
                <Table.Td>
                  {variant.name} {variant.erpOwnedFields.includes('name') && <ErpBadge />}
                </Table.Td>
                <Table.Td>{variant.options.map((o) => `${o.name}: ${o.value}`).join(', ')}</Table.Td>
                <Table.Td>{price ? formatMoney(price.amount, price.currency) : '—'}</Table.Td>
                <Table.Td>
                  {variant.cost ? formatMoney(variant.cost.amount, variant.cost.currency) : 'unknown'} <ErpBadge />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
