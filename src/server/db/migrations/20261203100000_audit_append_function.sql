-- One round trip per audit entry. An append used to take three statements (the chain's lock,
-- the tail's hash, the insert), each a round trip while the lock is held. The server computes
-- the entry's canonical JSON as before; this function takes the lock, reads the tail and links
-- the entry to it, hashing exactly what the server hashed before: the entry's JSON array with
-- the previous hash as its last element. In READ COMMITTED each statement of a VOLATILE
-- function sees a new snapshot, so the tail it reads after the lock is the committed tail, also
-- when the call is part of a larger statement (the client page reads and records in one).

CREATE FUNCTION audit_append(
  p_at timestamptz,
  p_actor_id uuid,
  p_actor_kind text,
  p_actor_roles text[],
  p_actor_offices text[],
  p_action text,
  p_object_type text,
  p_object_ids text[],
  p_reason text,
  p_outcome text,
  p_address text,
  p_details jsonb,
  p_hash_prefix text
) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  prev text;
  appended bigint;
BEGIN
  -- The chain's lock (0x5001a), held to the end of the transaction: entries link in commit order.
  PERFORM pg_advisory_xact_lock(327706);
  SELECT hash INTO prev FROM audit_event ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_event (at, actor_id, actor_kind, actor_roles, actor_offices, action, object_type, object_ids, reason, outcome, address, details, prev_hash, hash)
  VALUES (p_at, p_actor_id, p_actor_kind, p_actor_roles, p_actor_offices, p_action, p_object_type, p_object_ids, p_reason, p_outcome, p_address, p_details, prev,
          encode(sha256(convert_to(p_hash_prefix || '"' || prev || '"]', 'UTF8')), 'hex'))
  RETURNING seq INTO appended;
  RETURN appended;
END $$;
COMMENT ON FUNCTION audit_append(timestamptz, uuid, text, text[], text[], text, text, text[], text, text, text, jsonb, text) IS
  'Appends one entry to the hash-chained audit trail: p_hash_prefix is the entry''s canonical JSON array without its closing bracket, followed by a comma; the hash is SHA-256 of it with the previous entry''s hash appended as the array''s last string.';
