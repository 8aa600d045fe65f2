import { Alert, Button, Code, ColorInput, Grid, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { adminRequest } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert, fieldError } from '../../ui/api-error';
import { ConfirmButton } from '../../ui/confirm';
import { formatDate } from '../../ui/money';
import { BrandPreview, type BrandDraft } from './brand-preview';
import { BrandChannelDocument, RotateTokenDocument, UpdateBrandDocument } from './brand.documents';

export function BrandPage() {
  const { channel, canEdit } = useChannelScope();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['brand', channel.id], queryFn: () => adminRequest(BrandChannelDocument, { id: channel.id }) });
  const [draft, setDraft] = useState<BrandDraft>();
  const [newToken, setNewToken] = useState<string>();

  const data = query.data?.channel;
  useEffect(() => {
    if (data)
      setDraft({
        name: data.name,
        logoUrl: data.logoUrl ?? '',
        primaryColor: data.primaryColor ?? '',
        secondaryColor: data.secondaryColor ?? '',
        domain: data.domain ?? '',
        defaultLocale: data.defaultLocale,
      });
  }, [data]);
  useEffect(() => setNewToken(undefined), [channel.id]);

  const save = useMutation({
    mutationFn: (d: BrandDraft) =>
      adminRequest(UpdateBrandDocument, {
        id: channel.id,
        input: {
          name: d.name,
          logoUrl: d.logoUrl || null,
          primaryColor: d.primaryColor || null,
          secondaryColor: d.secondaryColor || null,
          domain: d.domain || null,
          defaultLocale: d.defaultLocale,
        },
      }),
    onSuccess: () => {
      notifications.show({ message: 'Brand settings saved' });
      void queryClient.invalidateQueries({ queryKey: ['brand', channel.id] });
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
    },
  });
  const rotate = useMutation({
    mutationFn: () => adminRequest(RotateTokenDocument, { id: channel.id }),
    onSuccess: (result) => {
      setNewToken(result.rotateChannelToken.token);
      void queryClient.invalidateQueries({ queryKey: ['brand', channel.id] });
    },
  });

  if (query.isPending || (data && !draft)) return <Loader aria-label="Loading brand settings" />;
  if (query.error) return <ApiErrorAlert error={query.error} />;
  if (!draft || !data) return null;
  const set = (key: keyof BrandDraft) => (value: string) => setDraft({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };

  return (
    <Stack>
      <Title order={2}>Brand settings · {data.name}</Title>
      {!canEdit && <Alert color="gray">You can read this channel's settings; a brand manager changes them.</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <form onSubmit={submit} aria-label="Brand settings">
            <fieldset disabled={!canEdit || save.isPending} style={{ border: 0, padding: 0, margin: 0 }}>
              <Stack>
                <TextInput
                  label="Name"
                  required
                  value={draft.name}
                  onChange={(e) => set('name')(e.currentTarget.value)}
                  error={fieldError(save.error, 'input.name')}
                />
                <TextInput
                  label="Logo URL"
                  value={draft.logoUrl}
                  onChange={(e) => set('logoUrl')(e.currentTarget.value)}
                  error={fieldError(save.error, 'input.logoUrl')}
                />
                <ColorInput
                  label="Primary colour"
                  value={draft.primaryColor}
                  onChange={set('primaryColor')}
                  format="hex"
                  fixOnBlur={false}
                  error={fieldError(save.error, 'input.primaryColor')}
                />
                <ColorInput
                  label="Secondary colour"
                  value={draft.secondaryColor}
                  onChange={set('secondaryColor')}
                  format="hex"
                  fixOnBlur={false}
                  error={fieldError(save.error, 'input.secondaryColor')}
                />
                <TextInput
                  label="Domain"
                  value={draft.domain}
                  onChange={(e) => set('domain')(e.currentTarget.value)}
                  error={fieldError(save.error, 'input.domain')}
                />
                <TextInput
                  label="Default locale"
                  value={draft.defaultLocale}
                  onChange={(e) => set('defaultLocale')(e.currentTarget.value)}
                  error={fieldError(save.error, 'input.defaultLocale')}
                />
                <ApiErrorAlert error={save.error} />
                {canEdit && (
                  <Group>
                    <Button type="submit" loading={save.isPending}>
                      Save brand settings
                    </Button>
                  </Group>
                )}
              </Stack>
            </fieldset>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Text fw={600}>Live preview</Text>
            <BrandPreview draft={draft} currencyCode={data.currencyCode} />
          </Stack>
        </Grid.Col>
      </Grid>

      <Title order={3} mt="lg">
        Storefront token
      </Title>
      <Text size="sm">
        Current token ends in <Code>{data.tokenHint}</Code>, last rotated {formatDate(data.tokenRotatedAt)}.
      </Text>
      {canEdit && (
        <Group>
          <ConfirmButton
            label="Rotate storefront token"
            question="The current token stops working at once (within 5 seconds on every server): the storefront needs the new one. Rotate it?"
            confirmLabel="Rotate token"
            loading={rotate.isPending}
            onConfirm={() => rotate.mutate()}
          />
        </Group>
      )}
      <ApiErrorAlert error={rotate.error} />
      {newToken && (
        <Alert color="green" title="New storefront token (shown once)">
          <Code data-testid="new-token">{newToken}</Code>
          <Text size="sm" mt="xs">
            Copy it into the storefront's configuration now: it is stored hashed and cannot be shown again.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
