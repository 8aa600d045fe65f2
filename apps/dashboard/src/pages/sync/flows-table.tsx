import { Badge, Button, Code, Group, NumberInput, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminRequest } from '../../api/client';
import type { SyncConnectorsQuery } from '../../gql/graphql';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatDate } from '../../ui/money';
import { RunFlowDocument, SetConnectorEnabledDocument, UpdateFlowDocument } from './sync.documents';

type Connector = SyncConnectorsQuery['syncConnectors']['nodes'][number];
type Flow = Connector['flows'][number];

export function ConnectorCard({ connector }: { connector: Connector }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => adminRequest(SetConnectorEnabledDocument, { code: connector.code, enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sync'] }),
  });
  return (
    <Paper withBorder p="md" aria-label={`Connector ${connector.name}`}>
      <Group justify="space-between" mb="xs">
        <Group>
          <Title order={3}>{connector.name}</Title>
          <Badge variant="light">{connector.kind}</Badge>
          <Text size="sm" c="dimmed">
            {connector.code}
          </Text>
        </Group>
        <Switch
          label="Connector enabled"
          checked={connector.enabled}
          disabled={toggle.isPending}
          onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        />
      </Group>
      <Text size="sm" fw={600}>
        Settings
      </Text>
      <Code block mb="sm">
        {JSON.stringify(JSON.parse(connector.settingsJson), null, 2)}
      </Code>
      <ApiErrorAlert error={toggle.error} />
      <Table striped highlightOnHover aria-label={`Flows of ${connector.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Flow</Table.Th>
            <Table.Th>Schedule</Table.Th>
            <Table.Th>Last run / success</Table.Th>
            <Table.Th>Backlog · lag</Table.Th>
            <Table.Th>Dead letters</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connector.flows.map((flow) => (
            <FlowRow key={flow.id} flow={flow} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function FlowRow({ flow }: { flow: Flow }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [interval, setInterval] = useState<number | string>(flow.intervalSeconds);
  const [cron, setCron] = useState(flow.cron ?? '');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sync'] });
  const run = useMutation({
    mutationFn: () => adminRequest(RunFlowDocument, { id: flow.id }),
    onSuccess: (result) => {
      const r = result.runSyncFlow;
      notifications.show({ message: `${flow.flow}: ${r.status} (${r.created} created, ${r.updated} updated, ${r.failed} failed)` });
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: (input: { enabled?: boolean; intervalSeconds?: number; cron?: string | null }) =>
      adminRequest(UpdateFlowDocument, { id: flow.id, input }),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });
  return (
    <Table.Tr data-testid={`flow-${flow.flow}`}>
      <Table.Td>
        <Text fw={600}>{flow.flow}</Text>
        <Text size="xs" c="dimmed">
          {flow.direction} · {flow.mode}
        </Text>
        {flow.running && <Badge color="blue">running</Badge>}
      </Table.Td>
      <Table.Td>
        {editing ? (
          <Stack gap={4}>
            <NumberInput
              label="Every (seconds)"
              size="xs"
              min={1}
              value={interval}
              onChange={setInterval}
              error={fieldError(update.error, 'input.intervalSeconds')}
            />
            <TextInput
              label="Cron (optional)"
              size="xs"
              value={cron}
              onChange={(e) => setCron(e.currentTarget.value)}
              error={fieldError(update.error, 'input.cron')}
            />
            <Group gap={4}>
              <Button
                size="xs"
                onClick={() => update.mutate({ intervalSeconds: Number(interval), cron: cron || null })}
                loading={update.isPending}
              >
                Save schedule
              </Button>
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm">
            {flow.cron ? `cron ${flow.cron}` : `every ${flow.intervalSeconds} s`}
            <br />
            next {formatDate(flow.nextRunAt)}
          </Text>
        )}
        <Switch
          mt={4}
          size="xs"
          label="Flow enabled"
          checked={flow.enabled}
          onChange={(e) => update.mutate({ enabled: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(flow.lastRunAt)}</Text>
        <Text size="sm" c="dimmed">
          ✓ {formatDate(flow.lastSuccessAt)}
        </Text>
        {flow.lastError && (
          <Text size="xs" c="red">
            {flow.lastError}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="backlog">
          {flow.backlog ?? '—'} · {flow.lagSeconds == null ? '—' : `${Math.round(flow.lagSeconds)} s`}
        </Text>
      </Table.Td>
      <Table.Td>{flow.openDeadLetters > 0 ? <Badge color="red">{flow.openDeadLetters}</Badge> : '0'}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Button size="xs" onClick={() => run.mutate()} loading={run.isPending} aria-label={`Sync now: ${flow.flow}`}>
            Sync now
          </Button>
          {!editing && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Edit schedule
            </Button>
          )}
        </Group>
        <ApiErrorAlert error={run.error ?? update.error} />
      </Table.Td>
    </Table.Tr>
  );
}
