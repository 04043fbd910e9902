import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALLOCATION_STATUSES,
  COLLABORATOR_STATUSES,
  COMMITMENT_STATUSES,
  HANDOVER_STATUSES,
  NEED_STATUSES,
} from '../components/status-tones';
import { DELIVERY_STATUSES } from '../pages/outbox/delivery-status';
import {
  ATTACHMENT_TYPES,
  COLLABORATOR_TYPES,
  DELIVERY_CHANNELS,
  DELIVERY_MODES,
  LANGUAGES,
  NEED_SORTS,
  REPORT_FORMATS,
  REPORT_KINDS,
  REPORT_LEVELS,
  ROLES,
  WEBHOOK_EVENT_TYPES,
} from './enums';

/**
 * The admin's copies of the API's closed lists are typed by the generated client, so a value the API adds fails the
 * typecheck, but only if the client's type is that list and not a plain string. This holds each copy against the
 * contract itself (libs/api-client/openapi.json), so a list typed by a property that is no enum cannot pass either.
 */
interface SchemaProperty {
  enum?: string[];
  items?: { enum?: string[] };
}
interface Parameter {
  name: string;
  schema: { enum?: string[] };
}
const contract = JSON.parse(
  readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8'),
) as {
  components: { schemas: Record<string, { properties: Record<string, SchemaProperty> }> };
  paths: Record<string, { get: { parameters: Parameter[] } }>;
};

function enumOf(schema: string, property: string): string[] {
  const found = contract.components.schemas[schema]?.properties[property];
  const values = found?.enum ?? found?.items?.enum;
  if (!values) throw new Error(`${schema}.${property} is not an enum in openapi.json`);
  return values;
}

const sorted = (values: readonly string[]) => [...values].sort();

describe("the admin's copies of the API's lists", () => {
  it.each([
    ['NeedResponse', 'status', NEED_STATUSES],
    ['CommitmentResponse', 'status', COMMITMENT_STATUSES],
    ['CommitmentResponse', 'deliveryMode', DELIVERY_MODES],
    ['AllocationResponse', 'status', ALLOCATION_STATUSES],
    ['HandoverResponse', 'status', HANDOVER_STATUSES],
    ['HandoverAttachmentResponse', 'contentType', ATTACHMENT_TYPES],
    ['CollaboratorResponse', 'status', COLLABORATOR_STATUSES],
    ['CollaboratorResponse', 'type', COLLABORATOR_TYPES],
    ['DeliveryResponse', 'status', DELIVERY_STATUSES],
    ['DeliveryResponse', 'channel', DELIVERY_CHANNELS],
    ['WebhookResponse', 'events', WEBHOOK_EVENT_TYPES],
    ['UserResponse', 'role', ROLES],
    ['UserResponse', 'language', LANGUAGES],
    ['CreateReportScheduleRequest', 'report', REPORT_KINDS],
    ['CreateReportScheduleRequest', 'format', REPORT_FORMATS],
    ['CoverageResponse', 'level', REPORT_LEVELS],
  ])('%s.%s: every value, once', (schema, property, copy) => {
    expect(sorted(copy)).toEqual(sorted(enumOf(schema, property)));
  });

  it('need sorts: every sort the needs list accepts, in its order', () => {
    const sort = contract.paths['/api/v1/needs'].get.parameters.find((p) => p.name === 'sort');
    expect(NEED_SORTS).toEqual(sort?.schema.enum);
  });

  it('the status lists keep the order the API gives them', () => {
    expect(NEED_STATUSES).toEqual(enumOf('NeedResponse', 'status'));
    expect(ALLOCATION_STATUSES).toEqual(enumOf('AllocationResponse', 'status'));
    expect(DELIVERY_STATUSES).toEqual(enumOf('DeliveryResponse', 'status'));
  });
});
