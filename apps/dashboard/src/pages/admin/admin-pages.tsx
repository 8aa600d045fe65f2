import { Alert, Anchor, Button, Code, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { adminRequest } from '../../api/client';
import { useSession } from '../../auth/session';
import type { StaffUsersQuery } from '../../gql/graphql';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatDate } from '../../ui/money';
import { NotFoundOrNoAccess } from '../../ui/not-found';
import { AdminChannelsDocument, CreateApiKeyDocument, SetStaffGrantsDocument, StaffUsersDocument } from './admin.documents';

function SuperadminOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session?.user.superadmin ? <>{children}</> : <NotFoundOrNoAccess />;
}

export function ChannelsAdminPage() {
  return (
    <SuperadminOnly>
      <ChannelsList />
    </SuperadminOnly>
  );
}

function ChannelsList() {
  const channels = useQuery({ queryKey: ['admin', 'channels'], queryFn: () => adminRequest(AdminChannelsDocument) });
  if (channels.isPending) return <Loader aria-label="Loading channels" />;
  if (channels.error) return <ApiErrorAlert error={channels.error} />;
  return (
    <Stack>
      <Title order={2}>Channels</Title>
      <Table striped aria-label="Channels">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Currency</Table.Th>
            <Table.Th>Storefront token</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {channels.data.channels.nodes.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/channels/${c.code}/brand`}>
                  {c.name}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {c.code}
                </Text>
              </Table.Td>
              <Table.Td>{c.kind}</Table.Td>
              <Table.Td>{c.currencyCode}</Table.Td>
              <Table.Td>
                <Code>{c.tokenHint}</Code> rotated {formatDate(c.tokenRotatedAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function StaffAdminPage() {
  return (
    <SuperadminOnly>
      <StaffList />
    </SuperadminOnly>
  );
}

type Staff = StaffUsersQuery['staffUsers']['nodes'][number];

function StaffList() {
  const staff = useQuery({ queryKey: ['admin', 'staff'], queryFn: () => adminRequest(StaffUsersDocument) });
  const channels = useQuery({ queryKey: ['admin', 'channels'], queryFn: () => adminRequest(AdminChannelsDocument) });
  if (staff.isPending || channels.isPending) return <Loader aria-label="Loading staff" />;
  if (staff.error || channels.error) return <ApiErrorAlert error={staff.error ?? channels.error} />;
  const list = channels.data.channels.nodes;
  return (
    <Stack>
      <Title order={2}>Staff and grants</Title>
      <Table aria-label="Staff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Staff member</Table.Th>
            <Table.Th>Grants</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.data.staffUsers.nodes.map((user) => (
            <StaffRow key={user.id} user={user} channels={list} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const ROLES = [
  { value: 'NONE', label: 'no access' },
  { value: 'VIEWER', label: 'viewer' },
  { value: 'BRAND_MANAGER', label: 'brand manager' },
];

function StaffRow({ user, channels }: { user: Staff; channels: { id: string; code: string; name: string }[] }) {
  const queryClient = useQueryClient();
  const [grants, setGrants] = useState(() => new Map(user.grants.map((g) => [g.channelId, g.role as string])));
  const save = useMutation({
    mutationFn: () =>
      adminRequest(SetStaffGrantsDocument, {
        userId: user.id,
        grants: [...grants]
          .filter(([, role]) => role !== 'NONE')
          .map(([channelId, role]) => ({ channelId, role: role as 'VIEWER' | 'BRAND_MANAGER' })),
      }),
    onSuccess: () => {
      notifications.show({ message: `Grants of ${user.email} saved` });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'staff'] });
    },
  });
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{user.name}</Text>
        <Text size="sm">{user.email}</Text>
        {user.superadmin && <Text size="xs">superadmin: every channel</Text>}
      </Table.Td>
      <Table.Td>
        {!user.superadmin && (
          <Stack gap={4}>
            <Group gap="xs">
              {channels.map((c) => (
                <Select
                  key={c.id}
                  size="xs"
                  w={150}
                  label={c.name}
                  data={ROLES}
                  value={grants.get(c.id) ?? 'NONE'}
                  allowDeselect={false}
                  onChange={(role) => setGrants(new Map(grants).set(c.id, role ?? 'NONE'))}
                />
              ))}
            </Group>
            <Group>
              <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
                Save grants
              </Button>
            </Group>
            <ApiErrorAlert error={save.error} />
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ApiKeysPage() {
  const [name, setName] = useState('');
  const create = useMutation({ mutationFn: () => adminRequest(CreateApiKeyDocument, { name }) });
  return (
    <Stack maw={640}>
      <Title order={2}>API keys</Title>
      <Text size="sm">A key acts with the rights of the staff member who creates it (you). It is shown once; only its hash is stored.</Text>
      <form
        aria-label="Create an API key"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Group align="flex-end">
          <TextInput
            label="Key name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
          />
          <Button type="submit" loading={create.isPending}>
            Create API key
          </Button>
        </Group>
      </form>
      <ApiErrorAlert error={create.error} />
      {create.data && (
        <Alert color="green" title="New API key (shown once)">
          <Code data-testid="new-api-key">{create.data.createApiKey.key}</Code>
          <Text size="sm" mt="xs">
            Send it as the <Code>x-api-key</Code> header. Copy it now: it cannot be shown again.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
