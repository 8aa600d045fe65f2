import { Alert, Loader, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { adminRequest } from '../../api/client';
import { useSession } from '../../auth/session';
import { ApiErrorAlert } from '../../ui/api-error';
import { DeadLetters } from './dead-letters';
import { Drift, ResyncRecord } from './drift';
import { ConnectorCard } from './flows-table';
import { RunsTable } from './runs-table';
import { SyncConnectorsDocument } from './sync.documents';

/** The operator's sync console (superadmins): a live view, refreshed every 5 seconds. */
export function SyncPage() {
  const { session } = useSession();
  const connectors = useQuery({
    queryKey: ['sync', 'connectors'],
    queryFn: () => adminRequest(SyncConnectorsDocument),
    refetchInterval: 5000,
    enabled: !!session?.user.superadmin,
  });
  if (!session?.user.superadmin) return <Alert title="Not found or no access">The sync console is for superadmins.</Alert>;
  if (connectors.isPending) return <Loader aria-label="Loading connectors" />;
  if (connectors.error) return <ApiErrorAlert error={connectors.error} />;
  const list = connectors.data.syncConnectors.nodes;
  return (
    <Stack>
      <Title order={2}>Sync console</Title>
      {list.length === 0 && <Alert>No connector yet.</Alert>}
      <Tabs defaultValue="flows" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="flows">Connectors and flows</Tabs.Tab>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="dead-letters">Dead letters</Tabs.Tab>
          <Tabs.Tab value="drift">Drift and resync</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="flows" pt="md">
          <Stack>
            {list.map((connector) => (
              <ConnectorCard key={connector.id} connector={connector} />
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="runs" pt="md">
          <RunsTable />
        </Tabs.Panel>
        <Tabs.Panel value="dead-letters" pt="md">
          <DeadLetters />
        </Tabs.Panel>
        <Tabs.Panel value="drift" pt="md">
          <Stack>
            <Drift />
            <ResyncRecord connectorCodes={list.map((c) => c.code)} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
