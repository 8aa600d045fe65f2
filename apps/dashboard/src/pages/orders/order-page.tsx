import { Anchor, Badge, Button, Group, Loader, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { adminRequest, isNoAccess } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatDate, formatMoney } from '../../ui/money';
import { NotFoundOrNoAccess } from '../../ui/not-found';
import {
  AcceptOrderDocument,
  CancelOrderDocument,
  CompleteOrderDocument,
  MarkDeliveredDocument,
  OrderDocument,
  StartFulfilmentDocument,
} from './orders.documents';

// the lifecycle steps the API allows from each status (docs/api.md, "Orders and shipments")
const NEXT_STEPS: Record<string, ('accept' | 'fulfil' | 'deliver' | 'complete' | 'cancel')[]> = {
  PLACED: ['accept', 'cancel'],
  ACCEPTED: ['fulfil', 'cancel'],
  IN_FULFILLMENT: ['cancel'],
  SHIPPED: ['deliver'],
  DELIVERED: ['complete'],
};

export function OrderPage() {
  const { number } = useParams();
  const { channel, canEdit } = useChannelScope();
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const query = useQuery({ queryKey: ['order', number], queryFn: () => adminRequest(OrderDocument, { number: number! }) });
  const order = query.data?.order;
  const step = useMutation({
    mutationFn: async (kind: 'accept' | 'fulfil' | 'deliver' | 'complete' | 'cancel') => {
      const id = order!.id;
      if (kind === 'accept') return adminRequest(AcceptOrderDocument, { id });
      if (kind === 'fulfil') return adminRequest(StartFulfilmentDocument, { id });
      if (kind === 'deliver') return adminRequest(MarkDeliveredDocument, { id });
      if (kind === 'complete') return adminRequest(CompleteOrderDocument, { id });
      return adminRequest(CancelOrderDocument, { id, reason });
    },
    onSuccess: () => {
      setCancelOpen(false);
      notifications.show({ message: `Order ${number} updated` });
      void queryClient.invalidateQueries({ queryKey: ['order', number] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    },
  });

  if (query.isPending) return <Loader aria-label="Loading order" />;
  // another channel's order looks exactly like a missing one
  if (isNoAccess(query.error) || (order && order.channelId !== channel.id)) return <NotFoundOrNoAccess what="order" />;
  if (query.error || !order) return <ApiErrorAlert error={query.error} />;
  const currency = order.total.currency;
  const money = (amount: number) => formatMoney(amount, currency);
  const steps = canEdit ? (NEXT_STEPS[order.status] ?? []) : [];
  const LABELS = { accept: 'Accept', fulfil: 'Start fulfilment', deliver: 'Mark delivered', complete: 'Complete' } as const;

  return (
    <Stack>
      <Anchor component={Link} to={`/channels/${channel.code}/orders`} size="sm">
        ← Orders
      </Anchor>
      <Group>
        <Title order={2}>Order {order.number}</Title>
        <Badge size="lg" data-testid="order-status">
          {order.status}
        </Badge>
        <Badge variant="light">
          {order.paymentMethod} · {order.paymentStatus}
        </Badge>
      </Group>
      <Text size="sm">
        Placed {formatDate(order.placedAt)} by {order.email ?? '—'} · ships {order.shippingMethodCode ?? '—'} to{' '}
        {order.shippingAddress.fullName}, {order.shippingAddress.street1}, {order.shippingAddress.postalCode} {order.shippingAddress.city},{' '}
        {order.shippingAddress.countryCode}
      </Text>
      {order.cancelReason && (
        <Text c="red">
          Cancelled {formatDate(order.cancelledAt)}: {order.cancelReason}
        </Text>
      )}
      {order.erpReferences.map((ref) => (
        <Text size="sm" key={ref.connectorCode}>
          In {ref.connectorCode}: {ref.externalNumber ?? ref.externalId}
        </Text>
      ))}
      {steps.length > 0 && (
        <Group>
          {steps.map((kind) =>
            kind === 'cancel' ? (
              <Button key={kind} color="red" variant="light" onClick={() => setCancelOpen(true)}>
                Cancel order
              </Button>
            ) : (
              <Button key={kind} onClick={() => step.mutate(kind)} loading={step.isPending && step.variables === kind}>
                {LABELS[kind]}
              </Button>
            ),
          )}
        </Group>
      )}
      <ApiErrorAlert error={step.error} />
      <Modal opened={cancelOpen} onClose={() => setCancelOpen(false)} title={`Cancel order ${order.number}?`}>
        <Text size="sm" mb="sm">
          The order's stock is released and the customer's order shows as cancelled. This cannot be undone.
        </Text>
        <TextInput
          label="Reason"
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(step.error, 'reason')}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setCancelOpen(false)}>
            Keep the order
          </Button>
          <Button color="red" disabled={!reason.trim()} onClick={() => step.mutate('cancel')}>
            Cancel order
          </Button>
        </Group>
      </Modal>

      <Title order={3}>Lines</Title>
      <Table aria-label="Order lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Qty</Table.Th>
            <Table.Th>Shipped · invoiced · returned</Table.Th>
            <Table.Th>Unit price</Table.Th>
            <Table.Th>Line total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>{line.sku}</Table.Td>
              <Table.Td>{line.name}</Table.Td>
              <Table.Td>{line.quantity}</Table.Td>
              <Table.Td>
                {line.shippedQuantity} · {line.invoicedQuantity} · {line.returnedQuantity}
              </Table.Td>
              <Table.Td>{money(line.unitPrice.amount)}</Table.Td>
              <Table.Td>{money(line.lineTotal.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={4} maw={640}>
        <Text size="sm">Subtotal {money(order.subtotal.amount)}</Text>
        <Text size="sm">Shipping {money(order.shipping.amount)}</Text>
        <Text size="sm">
          Tax {money(order.tax.amount)} {order.taxInclusive ? '(included)' : ''}
        </Text>
        <Text size="sm" fw={700}>
          Total {money(order.total.amount)}
        </Text>
      </SimpleGrid>

      <Title order={3}>Shipments</Title>
      {order.shipments.length === 0 && <Text c="dimmed">None yet.</Text>}
      {order.shipments.map((shipment) => (
        <Text size="sm" key={shipment.id} data-testid="shipment">
          <b>{shipment.reference}</b> from {shipment.warehouseCode ?? '—'} · {shipment.status} · shipped {formatDate(shipment.shippedAt)}
          {shipment.deliveredAt ? `, delivered ${formatDate(shipment.deliveredAt)}` : ''} · {shipment.carrier ?? ''}{' '}
          {shipment.trackingUrl ? (
            <Anchor href={shipment.trackingUrl} target="_blank" rel="noreferrer">
              {shipment.trackingNumber}
            </Anchor>
          ) : (
            shipment.trackingNumber
          )}{' '}
          · {shipment.lines.map((l) => `${l.quantity}× ${l.sku}`).join(', ')}
        </Text>
      ))}

      <Title order={3}>Invoices and credit</Title>
      {order.invoices.length === 0 && <Text c="dimmed">None yet.</Text>}
      {order.invoices.length > 0 && (
        <Table aria-label="Invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Issued · due</Table.Th>
              <Table.Th>Total</Table.Th>
              <Table.Th>Paid</Table.Th>
              <Table.Th>Credited (credit notes)</Table.Th>
              <Table.Th>Due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.invoices.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>{invoice.number}</Table.Td>
                <Table.Td>
                  {invoice.status} {invoice.overdue && <Badge color="red">overdue</Badge>}
                </Table.Td>
                <Table.Td>
                  {formatDate(invoice.issuedAt)} · {formatDate(invoice.dueAt)}
                </Table.Td>
                <Table.Td>{money(invoice.total.amount)}</Table.Td>
                <Table.Td>{money(invoice.amountPaid.amount)}</Table.Td>
                <Table.Td>{money(invoice.credited.amount)}</Table.Td>
                <Table.Td>{money(invoice.amountDue.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Title order={3}>Payments</Title>
      {order.payments.length === 0 && <Text c="dimmed">None recorded.</Text>}
      {order.payments.map((payment) => (
        <Text size="sm" key={payment.id}>
          {formatDate(payment.receivedAt)} · {payment.method} · {payment.reference} · {money(payment.amount.amount)}
        </Text>
      ))}

      <Title order={3}>Returns</Title>
      {order.returns.length === 0 && <Text c="dimmed">None.</Text>}
      {order.returns.map((ret) => (
        <Text size="sm" key={ret.id}>
          {ret.number} · {ret.status}
        </Text>
      ))}
    </Stack>
  );
}
