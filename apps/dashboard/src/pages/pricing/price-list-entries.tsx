import { Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminRequest } from '../../api/client';
import type { ChannelPriceListsQuery } from '../../gql/graphql';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatMoney } from '../../ui/money';
import { PriceListEntriesDocument, UpsertEntriesDocument } from './pricing.documents';

type PriceList = ChannelPriceListsQuery['priceLists']['nodes'][number];

/** A list's tiers, 100 at a time; an entry's amount can be changed (not on lists the ERP owns). */
export function PriceListEntries({ list, canEdit }: { list: PriceList; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const [edit, setEdit] = useState<{ sku: string; minQuantity: number | string; amount: number | string }>({
    sku: '',
    minQuantity: 1,
    amount: '',
  });
  const entries = useQuery({
    queryKey: ['price-list-entries', list.id, after],
    queryFn: () => adminRequest(PriceListEntriesDocument, { priceListId: list.id, after }),
  });
  const upsert = useMutation({
    mutationFn: () =>
      adminRequest(UpsertEntriesDocument, {
        priceListId: list.id,
        entries: [{ sku: edit.sku.trim(), minQuantity: Number(edit.minQuantity), amount: Number(edit.amount) }],
      }),
    onSuccess: () => {
      notifications.show({ message: `Saved ${edit.sku} from ${edit.minQuantity} units in ${list.name}` });
      void queryClient.invalidateQueries({ queryKey: ['price-list-entries', list.id] });
      void queryClient.invalidateQueries({ queryKey: ['price-lists'] });
    },
  });
  const editable = canEdit && list.owner !== 'ERP';
  return (
    <Stack>
      <Group>
        <Title order={3}>{list.name}</Title>
        {list.owner === 'ERP' && <Badge color="grape">owned by the ERP</Badge>}
        <Text size="sm" c="dimmed">
          {list.entryCount ?? 0} entries
        </Text>
      </Group>
      {editable && (
        <form
          aria-label="Set a price"
          onSubmit={(event) => {
            event.preventDefault();
            upsert.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="SKU"
              required
              value={edit.sku}
              onChange={(e) => setEdit({ ...edit, sku: e.currentTarget.value })}
              error={fieldError(upsert.error, 'entries.0.sku')}
            />
            <NumberInput
              label="From quantity"
              min={1}
              w={130}
              value={edit.minQuantity}
              onChange={(v) => setEdit({ ...edit, minQuantity: v })}
              error={fieldError(upsert.error, 'entries.0.minQuantity')}
            />
            <NumberInput
              label={`Unit price (minor units, ${list.currencyCode})`}
              required
              w={220}
              value={edit.amount}
              onChange={(v) => setEdit({ ...edit, amount: v })}
              error={fieldError(upsert.error, 'entries.0.amount')}
            />
            <Button type="submit" loading={upsert.isPending}>
              Save price
            </Button>
          </Group>
        </form>
      )}
      <ApiErrorAlert error={upsert.error ?? entries.error} />
      <Table striped aria-label={`Entries of ${list.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>From quantity</Table.Th>
            <Table.Th>Unit price</Table.Th>
            {editable && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.data?.priceListEntries.nodes.map((entry) => (
            <Table.Tr key={`${entry.sku}-${entry.minQuantity}`}>
              <Table.Td>{entry.sku}</Table.Td>
              <Table.Td>{entry.minQuantity}</Table.Td>
              <Table.Td>{formatMoney(entry.amount, list.currencyCode)}</Table.Td>
              {editable && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEdit({ sku: entry.sku, minQuantity: entry.minQuantity, amount: entry.amount })}
                  >
                    Edit
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" size="xs" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous 100
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!entries.data?.priceListEntries.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, entries.data?.priceListEntries.pageInfo.endCursor ?? undefined])}
        >
          Next 100
        </Button>
      </Group>
    </Stack>
  );
}
