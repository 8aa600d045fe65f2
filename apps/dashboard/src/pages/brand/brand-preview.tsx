import { Box, Button, Group, Image, Paper, Text, Title } from '@mantine/core';

export interface BrandDraft {
  name: string;
  logoUrl: string;
  primaryColor: string;
  secondaryColor: string;
  domain: string;
  defaultLocale: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** What a storefront built on these settings looks like, redrawn as the form changes. */
export function BrandPreview({ draft, currencyCode }: { draft: BrandDraft; currencyCode: string }) {
  const primary = HEX.test(draft.primaryColor) ? draft.primaryColor : '#444444';
  const secondary = HEX.test(draft.secondaryColor) ? draft.secondaryColor : '#eeeeee';
  const price = new Intl.NumberFormat(draft.defaultLocale || 'en', { style: 'currency', currency: currencyCode }).format(49.9);
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} aria-label="Live preview" data-testid="brand-preview">
      <Group p="sm" style={{ background: primary, color: '#fff' }} justify="space-between">
        <Group gap="xs">
          {draft.logoUrl && <Image src={draft.logoUrl} alt={`${draft.name} logo`} h={28} w="auto" fallbackSrc="" />}
          <Title order={4} c="white" data-testid="preview-name">
            {draft.name || 'Your store'}
          </Title>
        </Group>
        <Text size="xs">{draft.domain || 'no domain yet'}</Text>
      </Group>
      <Box p="md" style={{ background: secondary }}>
        <Text fw={600}>Alpine Daypack</Text>
        <Text size="sm" mb="sm">
          {price} · locale {draft.defaultLocale || '—'}
        </Text>
        <Button style={{ background: primary }} data-testid="preview-button">
          Add to cart
        </Button>
      </Box>
    </Paper>
  );
}
