import { Alert } from '@mantine/core';

/** Another channel's page and a page that does not exist look the same. */
export function NotFoundOrNoAccess({ what = 'page' }: { what?: string }) {
  return (
    <Alert color="gray" title="Not found or no access" data-testid="not-found">
      This {what} does not exist, or you have no access to it.
    </Alert>
  );
}
