import { Badge, Grid, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminRequest } from '../../api/client';
import { useChannelScope } from '../../layout/channel-scope';
import { ApiErrorAlert } from '../../ui/api-error';
import { formatDate } from '../../ui/money';
import { ExplainPrice } from './explain-price';
import { PriceListEntries } from './price-list-entries';
import { PriceListsDocument } from './pricing.documents';

export function PricingPage() {
  const { channel, canEdit } = useChannelScope();
  const lists = useQuery({
    queryKey: ['price-lists', channel.id],
    queryFn: () => adminRequest(PriceListsDocument, { channelId: channel.id }),
  });
  const [selected, setSelected] = useState<string>();
  if (lists.isPending) return <Loader aria-label="Loading price lists" />;
  if (lists.error) return <ApiErrorAlert error={lists.error} />;
  const groups = lists.data.customerGroups.nodes;
  const groupName = (id: string | null | undefined) => groups.find((g) => g.id === id)?.name;
  const current = lists.data.priceLists.nodes.find((l) => l.id === selected) ?? lists.data.priceLists.nodes[0];
  return (
    <Stack>
      <Title order={2}>Price lists · {channel.name}</Title>
      <ExplainPrice channelId={channel.id} groups={groups} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap={2} aria-label="Price lists">
            {lists.data.priceLists.nodes.length === 0 && <Text c="dimmed">No price lists: base prices apply.</Text>}
            {lists.data.priceLists.nodes.map((list) => (
              <NavLink
                key={list.id}
                active={list.id === current?.id}
                onClick={() => setSelected(list.id)}
                label={
                  <>
                    {list.name} {list.owner === 'ERP' && <Badge size="xs">ERP</Badge>} {!list.active && <Badge size="xs">inactive</Badge>}
                  </>
                }
                description={`priority ${list.priority}${list.customerGroupId ? ` · ${groupName(list.customerGroupId)}` : ''} · ${
                  list.validFrom ? `from ${formatDate(list.validFrom)}` : 'always'
                }${list.validUntil ? ` until ${formatDate(list.validUntil)}` : ''}`}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>{current && <PriceListEntries key={current.id} list={current} canEdit={canEdit} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}
