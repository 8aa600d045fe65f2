import { Badge, Button, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adminRequest } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert } from '../../ui/api-error';
import { formatDate, formatMoney } from '../../ui/money';
import { OrdersDocument } from './orders.documents';

export const ORDER_STATUSES = [
  'PLACED',
  'ACCEPTED',
  'IN_FULFILLMENT',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
];

/** a date input's day as the start of that day in the browser's time zone, ISO */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

export function OrdersPage() {
  const { channel } = useChannelScope();
  const [status, setStatus] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const variables = {
    channelId: channel.id,
    status: status ?? undefined,
    search: search || undefined,
    placedFrom: dayStart(from),
    placedTo: dayStart(to, 1),
    after: cursors[cursors.length - 1],
  };
  const orders = useQuery({ queryKey: ['orders', variables], queryFn: () => adminRequest(OrdersDocument, variables) });
  const reset = () => setCursors([undefined]);
  return (
    <Stack>
      <Title order={2}>Orders · {channel.name}</Title>
      <Group align="flex-end">
        <TextInput
          label="Order number"
          placeholder="part of the number"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            reset();
          }}
        />
        <Select
          label="Status"
          clearable
          placeholder="any"
          data={ORDER_STATUSES}
          value={status}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
        />
        <TextInput
          type="date"
          label="Placed from"
          value={from}
          onChange={(e) => {
            setFrom(e.currentTarget.value);
            reset();
          }}
        />
        <TextInput
          type="date"
          label="Placed until"
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            reset();
          }}
        />
      </Group>
      <ApiErrorAlert error={orders.error} />
      {orders.isPending && <Loader aria-label="Loading orders" />}
      {orders.data && <Text size="sm">{orders.data.orders.totalCount} orders</Text>}
      <Table striped highlightOnHover aria-label="Orders" data-testid="orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Placed</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Payment</Table.Th>
            <Table.Th>Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.data?.orders.edges.map(({ node: order }) => (
            <Table.Tr key={order.id} data-testid="order-row">
              <Table.Td>
                <Link to={order.number}>{order.number}</Link>
              </Table.Td>
              <Table.Td>{formatDate(order.placedAt)}</Table.Td>
              <Table.Td>{order.email ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light">{order.status}</Badge>
              </Table.Td>
              <Table.Td>
                {order.paymentMethod} · {order.paymentStatus}
              </Table.Td>
              <Table.Td>{formatMoney(order.total.amount, order.total.currency)}</Table.Td>
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
          disabled={!orders.data?.orders.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, orders.data?.orders.pageInfo.endCursor ?? undefined])}
        >
          Next page
        </Button>
      </Group>
    </Stack>
  );
}
