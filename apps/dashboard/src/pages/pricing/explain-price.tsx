import { Button, Group, MultiSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { adminRequest } from '../../api/client';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatMoney } from '../../ui/money';
import { ExplainPriceDocument } from './pricing.documents';

/** "explain this price": what a buyer pays for a SKU and quantity, and each rule that made it */
export function ExplainPrice({
  channelId,
  groups,
  initialSku,
}: {
  channelId: string;
  groups: { code: string; name: string }[];
  initialSku?: string;
}) {
  const [sku, setSku] = useState(initialSku ?? '');
  const [quantity, setQuantity] = useState<number | string>(1);
  const [groupCodes, setGroupCodes] = useState<string[]>([]);
  const [coupons, setCoupons] = useState('');
  const explain = useMutation({
    mutationFn: () =>
      adminRequest(ExplainPriceDocument, {
        channelId,
        sku: sku.trim(),
        quantity: Number(quantity) || 1,
        customerGroupCodes: groupCodes,
        couponCodes: coupons
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    explain.mutate();
  };
  const result = explain.data?.explainPrice;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Explain this price">
      <Stack>
        <Title order={3}>Explain this price</Title>
        <Group align="flex-end">
          <TextInput
            label="SKU"
            required
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={fieldError(explain.error, 'sku')}
          />
          <NumberInput
            label="Quantity"
            min={1}
            w={110}
            value={quantity}
            onChange={setQuantity}
            error={fieldError(explain.error, 'quantity')}
          />
          <MultiSelect
            label="Customer groups"
            w={260}
            data={groups.map((g) => ({ value: g.code, label: g.name }))}
            value={groupCodes}
            onChange={setGroupCodes}
            clearable
          />
          <TextInput label="Coupons" placeholder="CODE1, CODE2" value={coupons} onChange={(e) => setCoupons(e.currentTarget.value)} />
          <Button type="submit" loading={explain.isPending}>
            Explain
          </Button>
        </Group>
        <ApiErrorAlert error={explain.error} />
        {explain.isSuccess && !result && <Text>No price: this channel does not sell that SKU.</Text>}
        {result && (
          <Stack gap="xs" data-testid="explanation">
            <Text>
              Unit price <b data-testid="unit-price">{formatMoney(result.unitPrice, result.currency)}</b> (list price{' '}
              {formatMoney(result.listPrice, result.currency)})
            </Text>
            <Table aria-label="Price rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Step</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Price after</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rules.map((rule, i) => (
                  <Table.Tr key={i} data-testid="price-rule">
                    <Table.Td>{rule.kind}</Table.Td>
                    <Table.Td>{rule.description}</Table.Td>
                    <Table.Td>{formatMoney(rule.amountAfter, result.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
