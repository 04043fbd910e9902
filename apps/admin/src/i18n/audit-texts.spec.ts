import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from './en';
import { id } from './id';
import { AUDIT_ACTION_KEYS, AUDIT_ENTITY_KEYS } from './messages/audit';

/**
 * The audit log shows every action in words: each value of the API's AuditAction enum (and of the object types) must
 * have an Indonesian and an English text, held here against the OpenAPI document itself.
 */
const contract = JSON.parse(
  readFileSync(join(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8'),
) as { components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> } };

const texts = (dictionary: Record<string, string>, prefix: string, values: string[]) =>
  values.filter((value) => !dictionary[`${prefix}.${value}`]?.trim());

describe('audit texts', () => {
  const actions = contract.components.schemas.AuditAction?.enum ?? [];
  const entities = contract.components.schemas.AuditEntryResponse?.properties?.entity?.enum ?? [];

  it('the document lists the actions and object types', () => {
    expect(actions.length).toBeGreaterThan(30);
    expect(entities).toContain('handover');
  });

  it('every action and object type the API may return has an id and an en text', () => {
    expect({ id: texts(id, 'auditAction', actions), en: texts(en, 'auditAction', actions) }).toEqual({ id: [], en: [] });
    expect({ id: texts(id, 'auditEntity', entities), en: texts(en, 'auditEntity', entities) }).toEqual({ id: [], en: [] });
  });

  it('the filters offer exactly the API’s values', () => {
    expect([...AUDIT_ACTION_KEYS].sort()).toEqual([...actions].sort());
    expect([...AUDIT_ENTITY_KEYS].sort()).toEqual([...entities].sort());
  });
});
