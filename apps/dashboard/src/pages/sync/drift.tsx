import { Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminRequest } from '../../api/client';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm';
import { formatDate } from '../../ui/money';
import { RepairDriftDocument, ResyncRecordDocument, SyncDriftDocument } from './sync.documents';

/** what reconciliation found different between Omnibus and the ERP, grouped by the run that found it */
export function Drift() {
  const queryClient = useQueryClient();
  const drift = useQuery({ queryKey: ['sync', 'drift'], queryFn: () => adminRequest(SyncDriftDocument) });
  const repair = useMutation({
    mutationFn: (runId: string) => adminRequest(RepairDriftDocument, { runId }),
    onSuccess: (result) => {
      notifications.show({
        message: `Repair requested for ${result.repairDrift.requested.length} records (${result.repairDrift.repaired} repaired)`,
      });
      void queryClient.invalidateQueries({ queryKey: ['sync'] });
    },
  });
  const rows = drift.data?.syncDrift.nodes ?? [];
  const runIds = [...new Set(rows.map((row) => row.runId))];
  return (
    <>
      <Title order={3}>Drift</Title>
      <ApiErrorAlert error={drift.error ?? repair.error} />
      {drift.data && rows.length === 0 && <Text c="dimmed">No open drift: Omnibus and the ERP agree.</Text>}
      {runIds.map((runId) => (
        <Stack key={runId} gap={4}>
          <Group>
            <Text size="sm">Found by run {runId.slice(0, 8)}</Text>
            <ConfirmButton
              size="xs"
              color="orange"
              label="Repair"
              question="The ERP's values are taken again for these records (the ERP wins). Repair them?"
              loading={repair.isPending}
              onConfirm={() => repair.mutate(runId)}
            />
          </Group>
          <Table aria-label={`Drift found by run ${runId}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Th>Omnibus</Table.Th>
                <Table.Th>ERP</Table.Th>
                <Table.Th>Found</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows
                .filter((row) => row.runId === runId)
                .map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      {row.entityType} <Code>{row.recordId}</Code>
                    </Table.Td>
                    <Table.Td>{row.omnibusValue ?? '—'}</Table.Td>
                    <Table.Td>{row.erpValue ?? '—'}</Table.Td>
                    <Table.Td>{formatDate(row.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </>
  );
}

const ENTITY_TYPES = ['order', 'variant', 'product', 'price_list', 'stock'];

export function ResyncRecord({ connectorCodes }: { connectorCodes: string[] }) {
  const [connectorCode, setConnectorCode] = useState<string | null>(connectorCodes[0] ?? null);
  const [entityType, setEntityType] = useState<string | null>('order');
  const [id, setId] = useState('');
  const resync = useMutation({
    mutationFn: () => adminRequest(ResyncRecordDocument, { connectorCode: connectorCode ?? '', entityType: entityType ?? '', id }),
    onSuccess: (result) => notifications.show({ message: result.resyncRecord }),
  });
  return (
    <form
      aria-label="Resync one record"
      onSubmit={(event) => {
        event.preventDefault();
        resync.mutate();
      }}
    >
      <Title order={3}>Resync one record</Title>
      <Group align="flex-end">
        <Select
          label="Connector"
          data={connectorCodes}
          value={connectorCode}
          onChange={setConnectorCode}
          error={fieldError(resync.error, 'connectorCode')}
        />
        <Select
          label="Record type"
          data={ENTITY_TYPES}
          value={entityType}
          onChange={setEntityType}
          error={fieldError(resync.error, 'entityType')}
        />
        <TextInput
          label="Record id"
          required
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          error={fieldError(resync.error, 'id')}
        />
        <Button type="submit" loading={resync.isPending}>
          Resync
        </Button>
      </Group>
      <ApiErrorAlert error={resync.error} />
    </form>
  );
}
