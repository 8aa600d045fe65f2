import { Alert, List } from '@mantine/core';
import { ApiError } from '../api/client';

/** An API error as the operator needs it: the message, the code, and each field that caused it. */
export function ApiErrorAlert({ error, title = 'The server refused this' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <Alert color="red" title={title} role="alert" data-testid="api-error">
      <div>
        {error instanceof Error ? error.message : String(error)}
        {apiError && apiError.code !== 'NETWORK' ? ` (${apiError.code})` : ''}
      </div>
      {apiError && apiError.fields.length > 0 && (
        <List size="sm" mt="xs">
          {apiError.fields.map((field) => (
            <List.Item key={field.path}>
              <code>{field.path}</code>: {field.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** the message for one field of a BAD_USER_INPUT error, for a form control's `error` prop */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fields.find((field) => field.path === path)?.message : undefined;
}
