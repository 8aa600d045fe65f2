import { graphql } from '../../gql';

// One file for the sync console's documents (the root lists become Relay connections soon: switch them here).
export const SyncConnectorsDocument = graphql(`
  query SyncConnectors {
    syncConnectors(first: 100) {
      nodes {
        id
        code
        name
        kind
        enabled
        settingsJson
        flows {
          id
          flow
          connectorCode
          direction
          mode
          enabled
          intervalSeconds
          cron
          running
          lastRunAt
          lastSuccessAt
          nextRunAt
          lastError
          backlog
          lagSeconds
          openDeadLetters
        }
      }
    }
  }
`);

export const SyncRunsDocument = graphql(`
  query SyncRuns($flowId: ID, $first: Int!) {
    syncRuns(flowId: $flowId, first: $first) {
      totalCount
      edges {
        node {
          id
          connectorCode
          flow
          status
          trigger
          worker
          startedAt
          finishedAt
          created
          updated
          skipped
          failed
          errorSamples {
            record
            kind
            message
          }
        }
      }
    }
  }
`);

export const DeadLettersDocument = graphql(`
  query DeadLetters($includeResolved: Boolean) {
    deadLetters(first: 50, includeResolved: $includeResolved) {
      totalCount
      edges {
        node {
          id
          connectorCode
          flow
          entityType
          recordId
          errorKind
          error
          attempts
          payloadJson
          createdAt
          resolution
          resolvedAt
        }
      }
    }
  }
`);

export const SyncDriftDocument = graphql(`
  query SyncDrift {
    syncDrift(first: 100) {
      nodes {
        id
        runId
        entityType
        recordId
        omnibusValue
        erpValue
        createdAt
        repairedAt
      }
    }
  }
`);

export const RunFlowDocument = graphql(`
  mutation RunSyncFlow($id: ID!) {
    runSyncFlow(id: $id, wait: true) {
      id
      status
      created
      updated
      failed
    }
  }
`);

export const UpdateFlowDocument = graphql(`
  mutation UpdateSyncFlow($id: ID!, $input: UpdateSyncFlowInput!) {
    updateSyncFlow(id: $id, input: $input) {
      id
      enabled
      intervalSeconds
      cron
      mode
    }
  }
`);

export const SetConnectorEnabledDocument = graphql(`
  mutation SetSyncConnectorEnabled($code: String!, $enabled: Boolean!) {
    setSyncConnectorEnabled(code: $code, enabled: $enabled) {
      id
      enabled
    }
  }
`);

export const ReplayDeadLetterDocument = graphql(`
  mutation ReplayDeadLetter($id: ID!) {
    replayDeadLetter(id: $id) {
      id
      resolution
      resolvedAt
    }
  }
`);

export const DismissDeadLetterDocument = graphql(`
  mutation DismissDeadLetter($id: ID!, $note: String!) {
    dismissDeadLetter(id: $id, note: $note) {
      id
      resolution
      resolvedAt
    }
  }
`);

export const RepairDriftDocument = graphql(`
  mutation RepairDrift($runId: ID!) {
    repairDrift(runId: $runId) {
      repaired
      requested
    }
  }
`);

export const ResyncRecordDocument = graphql(`
  mutation ResyncRecord($connectorCode: String!, $entityType: String!, $id: ID!) {
    resyncRecord(connectorCode: $connectorCode, entityType: $entityType, id: $id)
  }
`);
