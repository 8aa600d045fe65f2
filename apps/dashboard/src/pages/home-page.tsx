import { Alert, Loader } from '@mantine/core';
import { Navigate } from 'react-router';
import { useMyChannels } from '../layout/channel-scope';
import { ApiErrorAlert } from '../ui/api-error';

/** /dashboard/ opens the caller's first channel */
export function HomePage() {
  const channels = useMyChannels();
  if (channels.isPending) return <Loader aria-label="Loading" />;
  if (channels.error) return <ApiErrorAlert error={channels.error} />;
  const first = channels.data.channels.nodes[0];
  if (!first) return <Alert title="No channels">You have no channel yet: ask a superadmin for a grant.</Alert>;
  return <Navigate to={`/channels/${first.code}/brand`} replace />;
}
