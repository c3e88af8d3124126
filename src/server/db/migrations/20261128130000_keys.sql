-- Data keys for field encryption and blind indexes, each kept wrapped by the master key.

CREATE TABLE data_key (
  id text PRIMARY KEY CHECK (id ~ '^k_[0-9a-f]{8}$'),
  purpose text NOT NULL CHECK (purpose IN ('field', 'index')),
  wrapped_key text NOT NULL CHECK (length(wrapped_key) > 0),
  master_key_id text NOT NULL CHECK (master_key_id ~ '^[0-9a-f]{16}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- One active key per purpose; concurrent starts meet here and agree on the same key.
CREATE UNIQUE INDEX data_key_active_purpose_idx ON data_key (purpose) WHERE retired_at IS NULL;
COMMENT ON TABLE data_key IS 'Data keys that encrypt fields and attachments (field) or key the blind indexes (index); stored only wrapped by the master key, never deleted while data may use them.';
COMMENT ON COLUMN data_key.id IS 'Short random identifier (k_ and 8 hex digits), written into every ciphertext made with the key.';
COMMENT ON COLUMN data_key.purpose IS 'field: encrypts field values and attachments; index: HMAC key of the blind indexes for exact-match search.';
COMMENT ON COLUMN data_key.wrapped_key IS 'The 32-byte key encrypted with the master key: AES-256-GCM, base64 of iv (12 bytes) | ciphertext | tag (16 bytes), bound to the key id and purpose.';
COMMENT ON COLUMN data_key.master_key_id IS 'Fingerprint of the master key that wrapped this key: first 16 hex digits of HMAC-SHA256(master key, ''suoja-master-key-id'').';
COMMENT ON COLUMN data_key.created_at IS 'When the key was created.';
COMMENT ON COLUMN data_key.retired_at IS 'When the key stopped encrypting new data; a retired key still decrypts. Null for the active key of its purpose.';
