import { Badge, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { adminRequest } from '../../api/client';
import { ApiErrorAlert } from '../../ui/api-error';
import { formatDate } from '../../ui/money';
import { SyncRunsDocument } from './sync.documents';

const STATUS_COLOUR: Record<string, string> = { SUCCEEDED: 'green', PARTIAL: 'yellow', FAILED: 'red', RUNNING: 'blue' };

/** the newest runs of every flow, with their counts and error samples (refreshed every 5 seconds) */
export function RunsTable() {
  const runs = useQuery({
    queryKey: ['sync', 'runs'],
    queryFn: () => adminRequest(SyncRunsDocument, { first: 25 }),
    refetchInterval: 5000,
  });
  return (
    <>
      <Title order={3}>Runs</Title>
      <ApiErrorAlert error={runs.error} />
      <Table striped aria-label="Sync runs" data-testid="runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Flow</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created · updated · skipped · failed</Table.Th>
            <Table.Th>Error samples</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data?.syncRuns.edges.map(({ node: run }) => (
            <Table.Tr key={run.id} data-testid="run-row">
              <Table.Td>
                <Text size="sm">{formatDate(run.startedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {run.trigger} · {run.worker}
                </Text>
              </Table.Td>
              <Table.Td>
                {run.connectorCode} / {run.flow}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOUR[run.status] ?? 'gray'}>{run.status}</Badge>
              </Table.Td>
              <Table.Td>
                {run.created} · {run.updated} · {run.skipped} · {run.failed}
              </Table.Td>
              <Table.Td>
                {run.errorSamples.map((sample) => (
                  <Text size="xs" key={sample.record}>
                    <b>{sample.kind}</b> {sample.record}: {sample.message}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
