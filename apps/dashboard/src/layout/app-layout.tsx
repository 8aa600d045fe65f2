import { AppShell, Badge, Button, Group, NavLink, Select, Stack, Text, Title } from '@mantine/core';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/session';
import { useMyChannels } from './channel-scope';

const CHANNEL_PAGES = [
  { path: 'brand', label: 'Brand settings' },
  { path: 'catalog', label: 'Catalog' },
  { path: 'orders', label: 'Orders' },
  { path: 'pricing', label: 'Price lists' },
];

const SUPERADMIN_PAGES = [
  { path: '/sync', label: 'Sync console' },
  { path: '/admin/channels', label: 'Channels' },
  { path: '/admin/staff', label: 'Staff and grants' },
  { path: '/admin/api-keys', label: 'API keys' },
];

export function AppLayout() {
  const { session, signOut } = useSession();
  const channels = useMyChannels();
  const { code } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const user = session!.user;
  // keep the page when switching channels (orders of A → orders of B)
  const section = location.pathname.match(/^\/channels\/[^/]+\/([^/]+)/)?.[1] ?? 'brand';
  const known = channels.data?.channels.nodes.some((c) => c.code === code);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Title order={3}>Omnibus</Title>
            <Select
              aria-label="Channel"
              placeholder="Choose a channel"
              data-testid="channel-switcher"
              w={220}
              value={known ? code : null}
              data={(channels.data?.channels.nodes ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
              onChange={(value) => value && navigate(`/channels/${value}/${section}`)}
              allowDeselect={false}
            />
          </Group>
          <Group>
            <Text size="sm">{user.email}</Text>
            {user.superadmin && <Badge>superadmin</Badge>}
            <Button variant="default" size="xs" onClick={() => signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <Stack gap={2}>
          {known &&
            CHANNEL_PAGES.map((page) => (
              <NavLink key={page.path} component={RouterNavLink} to={`/channels/${code}/${page.path}`} label={page.label} />
            ))}
          {user.superadmin && (
            <>
              <Text size="xs" c="dimmed" mt="md" px="sm">
                Superadmin
              </Text>
              {SUPERADMIN_PAGES.map((page) => (
                <NavLink key={page.path} component={RouterNavLink} to={page.path} label={page.label} />
              ))}
            </>
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
