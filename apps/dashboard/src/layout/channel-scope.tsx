import { createContext, useContext, type ReactNode } from 'react';
import { Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { adminRequest } from '../api/client';
import { MyChannelsDocument } from '../auth/auth.documents';
import { roleOn, useSession } from '../auth/session';
import type { DashboardChannelsQuery } from '../gql/graphql';
import { ApiErrorAlert } from '../ui/api-error';
import { NotFoundOrNoAccess } from '../ui/not-found';

export type ScopedChannel = DashboardChannelsQuery['channels']['nodes'][number];

interface ChannelScope {
  channel: ScopedChannel;
  role: 'SUPERADMIN' | 'BRAND_MANAGER' | 'VIEWER';
  /** brand managers and superadmins change things; viewers read */
  canEdit: boolean;
}

const ScopeContext = createContext<ChannelScope | undefined>(undefined);

export function useMyChannels() {
  return useQuery({ queryKey: ['channels'], queryFn: () => adminRequest(MyChannelsDocument) });
}

/**
 * Everything under /channels/:code is scoped to that channel. The code must be one of the caller's
 * channels (the API lists only those); any other code, a foreign brand's included, shows "not found".
 */
export function ChannelScopeRoute({ children }: { children: ReactNode }) {
  const { code } = useParams();
  const { session } = useSession();
  const channels = useMyChannels();
  if (channels.isPending) return <Loader aria-label="Loading channels" />;
  if (channels.error) return <ApiErrorAlert error={channels.error} />;
  const channel = channels.data.channels.nodes.find((c) => c.code === code);
  const role = channel && session ? roleOn(session.user, channel.id) : undefined;
  if (!channel || !role) return <NotFoundOrNoAccess what="channel" />;
  return <ScopeContext.Provider value={{ channel, role, canEdit: role !== 'VIEWER' }}>{children}</ScopeContext.Provider>;
}

export function useChannelScope(): ChannelScope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useChannelScope outside a channel route');
  return scope;
}
