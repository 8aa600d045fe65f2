import { Badge, Button, Code, Group, Modal, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminRequest } from '../../api/client';
import type { DeadLettersQuery } from '../../gql/graphql';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { formatDate } from '../../ui/money';
import { DeadLettersDocument, DismissDeadLetterDocument, ReplayDeadLetterDocument } from './sync.documents';

type Letter = DeadLettersQuery['deadLetters']['edges'][number]['node'];

export function DeadLetters() {
  const [includeResolved, setIncludeResolved] = useState(false);
  const letters = useQuery({
    queryKey: ['sync', 'dead-letters', includeResolved],
    queryFn: () => adminRequest(DeadLettersDocument, { includeResolved }),
    refetchInterval: 5000,
  });
  return (
    <>
      <Group justify="space-between">
        <Title order={3}>Dead letters</Title>
        <Switch label="Show resolved" checked={includeResolved} onChange={(e) => setIncludeResolved(e.currentTarget.checked)} />
      </Group>
      <ApiErrorAlert error={letters.error} />
      {letters.data?.deadLetters.totalCount === 0 && <Text c="dimmed">No dead letters.</Text>}
      <Table aria-label="Dead letters" data-testid="dead-letters">
        <Table.Tbody>
          {letters.data?.deadLetters.edges.map(({ node }) => (
            <LetterRow key={node.id} letter={node} />
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function LetterRow({ letter }: { letter: Letter }) {
  const queryClient = useQueryClient();
  const [payloadOpen, setPayloadOpen] = useState(false);
  const [dismissOpen, setDismissOpen] = useState(false);
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sync'] });
  const replay = useMutation({
    mutationFn: () => adminRequest(ReplayDeadLetterDocument, { id: letter.id }),
    onSuccess: () => {
      notifications.show({ message: `Replayed ${letter.entityType} ${letter.recordId}: it goes out with the next run` });
      void refresh();
    },
  });
  const dismiss = useMutation({
    mutationFn: () => adminRequest(DismissDeadLetterDocument, { id: letter.id, note }),
    onSuccess: () => {
      setDismissOpen(false);
      void refresh();
    },
  });
  return (
    <Table.Tr data-testid="dead-letter">
      <Table.Td>
        <Text size="sm" fw={600}>
          {letter.entityType} <Code>{letter.recordId}</Code>
        </Text>
        <Text size="xs" c="dimmed">
          {letter.connectorCode} / {letter.flow} · {formatDate(letter.createdAt)} · {letter.attempts} attempts
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color="red" variant="light">
          {letter.errorKind}
        </Badge>{' '}
        <Text span size="sm">
          {letter.error}
        </Text>
      </Table.Td>
      <Table.Td>
        {letter.resolution ? (
          <Badge color="gray">
            {letter.resolution} {formatDate(letter.resolvedAt)}
          </Badge>
        ) : (
          <Group gap={4}>
            <Button size="xs" variant="default" onClick={() => setPayloadOpen(true)}>
              Payload
            </Button>
            <Button size="xs" onClick={() => replay.mutate()} loading={replay.isPending}>
              Replay
            </Button>
            <Button size="xs" color="red" variant="light" onClick={() => setDismissOpen(true)}>
              Dismiss
            </Button>
          </Group>
        )}
        <ApiErrorAlert error={replay.error} />
      </Table.Td>
      <Modal
        opened={payloadOpen}
        onClose={() => setPayloadOpen(false)}
        title={`Payload of ${letter.entityType} ${letter.recordId}`}
        size="lg"
      >
        <Code block data-testid="payload">
          {JSON.stringify(JSON.parse(letter.payloadJson), null, 2)}
        </Code>
      </Modal>
      <Modal opened={dismissOpen} onClose={() => setDismissOpen(false)} title="Dismiss this dead letter?">
        <Text size="sm" mb="sm">
          It will not be replayed: the record stays as it is on both sides. Say why, for the next operator.
        </Text>
        <Textarea
          label="Note"
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(dismiss.error, 'note')}
        />
        <ApiErrorAlert error={dismiss.error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDismissOpen(false)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => dismiss.mutate()} loading={dismiss.isPending} disabled={!note.trim()}>
            Dismiss dead letter
          </Button>
        </Group>
      </Modal>
    </Table.Tr>
  );
}
