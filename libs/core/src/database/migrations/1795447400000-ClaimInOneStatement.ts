import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim and a release in one statement each (one round trip from the API, atomic on its own without BEGIN/COMMIT):
 * `ksbb_claim` and `ksbb_release` do the checks, the conditional quantity updates, the allocation's own change, its
 * audit row and its outbox event, and answer an outcome the service maps to today's 201/200/403/404/409.
 *
 * - A refusal found before anything is written is answered as a row (`outcome` + `args`). A refusal found by a
 *   conditional quantity update (the claim writes its rows first, so the hot need is locked only for the updates
 *   and the commit) raises SQLSTATE KS409 with the outcome as message and its args as a JSON array in DETAIL: the
 *   whole statement, and so everything it wrote, is rolled back. Each statement of a PL/pgSQL function takes a new
 *   snapshot, so what is left on a need or item is read after the refused update, as it is now.
 * - Locks are taken in the order of the multi-statement flows they replace: commitment FOR SHARE, then the need,
 *   then the item (claim); allocation FOR UPDATE, then the need, then the item (release, expiry, cancel).
 * - Who may see and act for the commitment, and whether drafts are visible, are decided by the caller's rules in
 *   TypeScript (commitment-visibility.ts, need-visibility.ts) and passed in as parameters.
 * - The audit row and event carry the same fields as `tx.audit`/`tx.emit` write, timestamps as JavaScript's
 *   `toISOString` (milliseconds, UTC, `Z`).
 */
export class ClaimInOneStatement1795447400000 implements MigrationInterface {
  name = 'ClaimInOneStatement1795447400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ksbb_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      $$`);
    // An allocation as AllocationView shows it (allocation.view.ts), as JSON with JavaScript's timestamps.
    await queryRunner.query(`
      CREATE FUNCTION ksbb_allocation_doc(p_id uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'id', a.id, 'status', a.status, 'quantity', a.quantity, 'deliveredQuantity', a.delivered_quantity,
          'expiresAt', ksbb_iso(a.expires_at), 'warnedAt', ksbb_iso(a.warned_at), 'endedAt', ksbb_iso(a.ended_at),
          'endReason', a.end_reason, 'needId', a.need_id, 'needTitle', n.title, 'regionCode', n.region_code,
          'programCode', n.program_code, 'packageCode', pk.code, 'commitmentId', a.commitment_id,
          'commitmentNumber', c.number, 'commitmentItemId', a.commitment_item_id,
          'collaboratorId', c.collaborator_id, 'aggregatorId', c.aggregator_id, 'createdBy', a.created_by,
          'version', a.version, 'createdAt', ksbb_iso(a.created_at), 'updatedAt', ksbb_iso(a.updated_at))
          FROM allocations a
          JOIN commitments c ON c.id = a.commitment_id
          JOIN needs n ON n.id = a.need_id
          JOIN packages pk ON pk.id = n.package_id
         WHERE a.id = p_id
      $$`);
    // The audit row and the outbox event of one allocation change, with the request's origin (AuditOrigin).
    await queryRunner.query(`
      CREATE FUNCTION ksbb_allocation_record(p_action text, p_id uuid, p_before jsonb, p_after jsonb,
                                             p_payload jsonb, p_origin jsonb) RETURNS bigint
      LANGUAGE plpgsql AS $$
      DECLARE
        v_event bigint;
      BEGIN
        INSERT INTO audit_log (actor_id, actor_kind, actor_role, action, entity, entity_id, before, after, ip,
                               user_agent, request_id)
        VALUES ((p_origin->>'actorId')::uuid, p_origin->>'actorKind', p_origin->>'actorRole', p_action,
                'allocation', p_id::text, p_before, p_after, p_origin->>'ip', p_origin->>'userAgent',
                p_origin->>'requestId');
        INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id)
        VALUES (p_action, 'allocation', p_id::text, p_payload, (p_origin->>'actorId')::uuid)
        RETURNING id INTO v_event;
        RETURN v_event;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ksbb_claim(
        p_commitment uuid, p_need uuid, p_quantity integer,
        p_sees_all boolean, p_sees_collaborator uuid, p_sees_aggregator uuid,
        p_acts_all boolean, p_acts_collaborator uuid, p_sees_drafts boolean,
        p_created_by uuid, p_origin jsonb,
        OUT outcome text, OUT args text[], OUT event_id bigint, OUT allocation jsonb)
      LANGUAGE plpgsql AS $$
      DECLARE
        c record;
        n record;
        v_collaborator text;
        v_item uuid;
        v_id uuid;
        v_status text;
        v_left integer;
      BEGIN
        -- FOR SHARE: claims on one commitment run side by side, while a cancel waits for them (and they for it).
        SELECT cm.id, cm.status, cm.collaborator_id, cm.aggregator_id, cm.program_code
          INTO c FROM commitments cm WHERE cm.id = p_commitment FOR SHARE;
        IF NOT FOUND OR NOT coalesce(p_sees_all OR c.collaborator_id = p_sees_collaborator
                                     OR c.aggregator_id = p_sees_aggregator, false) THEN
          outcome := 'commitment_not_found'; RETURN;
        END IF;
        IF NOT coalesce(p_acts_all OR c.collaborator_id = p_acts_collaborator, false) THEN
          outcome := 'forbidden'; RETURN;
        END IF;
        IF c.status <> 'approved' THEN
          outcome := 'commitment_status'; args := ARRAY[c.status]; RETURN;
        END IF;
        SELECT co.status INTO v_collaborator FROM collaborators co WHERE co.id = c.collaborator_id;
        IF v_collaborator IS DISTINCT FROM 'verified' THEN
          outcome := 'collaborator_status'; args := ARRAY[v_collaborator]; RETURN;
        END IF;
        SELECT nd.id, nd.program_code, nd.package_id, pk.code AS package_code, nd.status
          INTO n FROM needs nd JOIN packages pk ON pk.id = nd.package_id
         WHERE nd.id = p_need AND (p_sees_drafts OR nd.status <> 'draft');
        IF NOT FOUND THEN
          outcome := 'need_not_found'; RETURN;
        END IF;
        IF n.program_code <> c.program_code THEN
          outcome := 'need_program'; args := ARRAY[n.program_code, c.program_code]; RETURN;
        END IF;
        IF n.status <> 'open' THEN
          outcome := 'need_status'; args := ARRAY[n.status]; RETURN;
        END IF;
        SELECT ci.id INTO v_item FROM commitment_items ci WHERE ci.commitment_id = c.id AND ci.package_id = n.package_id;
        IF v_item IS NULL THEN
          outcome := 'no_item'; args := ARRAY[n.package_code]; RETURN;
        END IF;

        INSERT INTO allocations (commitment_id, commitment_item_id, need_id, quantity, expires_at, created_by)
        SELECT c.id, v_item, n.id, p_quantity, now() + make_interval(days => p.claim_hold_days), p_created_by
          FROM programs p WHERE p.code = c.program_code
        RETURNING id INTO v_id;
        allocation := ksbb_allocation_doc(v_id);
        event_id := ksbb_allocation_record('allocation.reserved', v_id, NULL, allocation,
          jsonb_build_object('allocationId', v_id, 'commitmentId', c.id, 'needId', n.id, 'quantity', p_quantity,
                             'status', allocation->'status', 'expiresAt', allocation->'expiresAt',
                             'collaboratorId', c.collaborator_id, 'aggregatorId', c.aggregator_id),
          p_origin);

        -- The quantities last: the hot rows (a popular need) stay locked only for these updates and the commit.
        -- Need first, then item, as release does.
        UPDATE needs
           SET allocated_quantity = allocated_quantity + p_quantity,
               status = CASE WHEN allocated_quantity + p_quantity = quantity THEN 'fully_allocated' ELSE status END,
               version = version + 1, updated_at = now()
         WHERE id = n.id AND status = 'open' AND quantity - allocated_quantity >= p_quantity;
        IF NOT FOUND THEN
          SELECT nd.status, nd.quantity - nd.allocated_quantity INTO v_status, v_left FROM needs nd WHERE nd.id = n.id;
          IF v_status <> 'open' THEN
            RAISE EXCEPTION USING ERRCODE = 'KS409', MESSAGE = 'need_status', DETAIL = jsonb_build_array(v_status)::text;
          END IF;
          RAISE EXCEPTION USING ERRCODE = 'KS409', MESSAGE = 'need_short', DETAIL = jsonb_build_array(coalesce(v_left, 0)::text)::text;
        END IF;
        UPDATE commitment_items
           SET allocated_quantity = allocated_quantity + p_quantity
         WHERE id = v_item AND quantity - allocated_quantity >= p_quantity;
        IF NOT FOUND THEN
          SELECT ci.quantity - ci.allocated_quantity INTO v_left FROM commitment_items ci WHERE ci.id = v_item;
          RAISE EXCEPTION USING ERRCODE = 'KS409', MESSAGE = 'item_short', DETAIL = jsonb_build_array(coalesce(v_left, 0)::text)::text;
        END IF;
        outcome := 'reserved';
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ksbb_release(
        p_id uuid, p_reason text,
        p_sees_all boolean, p_sees_collaborator uuid, p_sees_aggregator uuid,
        p_acts_all boolean, p_acts_collaborator uuid, p_origin jsonb,
        OUT outcome text, OUT args text[], OUT event_id bigint, OUT allocation jsonb)
      LANGUAGE plpgsql AS $$
      DECLARE
        l record;
        e record;
        v_before jsonb;
      BEGIN
        SELECT a.id, a.status, c.collaborator_id, c.aggregator_id
          INTO l FROM allocations a JOIN commitments c ON c.id = a.commitment_id
         WHERE a.id = p_id FOR UPDATE OF a;
        IF NOT FOUND OR NOT coalesce(p_sees_all OR l.collaborator_id = p_sees_collaborator
                                     OR l.aggregator_id = p_sees_aggregator, false) THEN
          outcome := 'allocation_not_found'; RETURN;
        END IF;
        IF NOT coalesce(p_acts_all OR l.collaborator_id = p_acts_collaborator, false) THEN
          outcome := 'forbidden'; RETURN;
        END IF;
        v_before := ksbb_allocation_doc(p_id);
        -- A claim named in a handover awaiting verification is being delivered: it is not released.
        UPDATE allocations a
           SET status = 'released', ended_at = now(), end_reason = p_reason, version = a.version + 1,
               updated_at = now()
         WHERE a.id = p_id AND a.status = 'reserved'
           AND NOT EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
                            WHERE hi.allocation_id = a.id AND h.status = 'submitted')
        RETURNING a.need_id, a.commitment_item_id, a.quantity INTO e;
        IF NOT FOUND THEN
          outcome := 'not_releasable'; args := ARRAY[l.status]; RETURN;
        END IF;
        UPDATE needs n
           SET allocated_quantity = n.allocated_quantity - e.quantity,
               status = CASE WHEN n.status = 'fully_allocated' THEN 'open' ELSE n.status END,
               version = n.version + 1, updated_at = now()
         WHERE n.id = e.need_id;
        UPDATE commitment_items i SET allocated_quantity = i.allocated_quantity - e.quantity
         WHERE i.id = e.commitment_item_id;
        allocation := ksbb_allocation_doc(p_id);
        event_id := ksbb_allocation_record('allocation.released', p_id, v_before, allocation,
          jsonb_build_object('allocationId', p_id, 'commitmentId', allocation->'commitmentId',
                             'needId', allocation->'needId', 'quantity', allocation->'quantity',
                             'status', allocation->'status', 'expiresAt', allocation->'expiresAt',
                             'collaboratorId', allocation->'collaboratorId',
                             'aggregatorId', allocation->'aggregatorId', 'reason', p_reason),
          p_origin);
        outcome := 'released';
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ksbb_release(uuid, text, boolean, uuid, uuid, boolean, uuid, jsonb)`);
    await queryRunner.query(
      `DROP FUNCTION ksbb_claim(uuid, uuid, integer, boolean, uuid, uuid, boolean, uuid, boolean, uuid, jsonb)`,
    );
    await queryRunner.query(`DROP FUNCTION ksbb_allocation_record(text, uuid, jsonb, jsonb, jsonb, jsonb)`);
    await queryRunner.query(`DROP FUNCTION ksbb_allocation_doc(uuid)`);
    await queryRunner.query(`DROP FUNCTION ksbb_iso(timestamptz)`);
  }
}
