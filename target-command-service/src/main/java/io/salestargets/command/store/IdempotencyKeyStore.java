package io.salestargets.command.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * The first answer to each write that carried an {@code Idempotency-Key} (table {@code idempotency_keys}), per
 * tenant, user and key: what {@code IdempotencyKeys} stores in the write's transaction and looks up.
 */
@ApplicationScoped
public class IdempotencyKeyStore {

    /** A stored answer: the request it answered (method, path, body hash), its status, ETag, Location and body. */
    public record StoredAnswer(String request, int status, Long version, String location, String body) {
    }

    private final Sql sql;

    public IdempotencyKeyStore(Sql sql) {
        this.sql = sql;
    }

    /** The answer stored for the key after {@code expiredBefore}, if any. */
    public Optional<StoredAnswer> find(String tenantId, String userId, String key, Instant expiredBefore) {
        return sql.first("""
                        SELECT request, status, etag, location, body FROM idempotency_keys
                        WHERE tenant_id = ? AND user_id = ? AND idempotency_key = ? AND created_at > ?""",
                row -> new StoredAnswer(row.getString(1), row.getInt(2), row.getString(3) == null ? null : Long.valueOf(row.getString(3)),
                        row.getString(4), row.getString(5)),
                tenantId, userId, key, expiredBefore);
    }

    /**
     * Stores the answer for the key, replacing one stored at or before {@code expiredBefore}; false when another
     * transaction holds an unexpired answer for it.
     */
    public boolean store(String tenantId, String userId, String key, StoredAnswer answer, Instant at, Instant expiredBefore) {
        return sql.update("""
                        INSERT INTO idempotency_keys (tenant_id, user_id, idempotency_key, request, status, etag, location, body, created_at)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS text), CAST(? AS text), CAST(? AS text), ?)
                        ON CONFLICT (tenant_id, user_id, idempotency_key) DO UPDATE SET request = EXCLUDED.request,
                            status = EXCLUDED.status, etag = EXCLUDED.etag, location = EXCLUDED.location, body = EXCLUDED.body,
                            created_at = EXCLUDED.created_at
                        WHERE idempotency_keys.created_at <= ?""",
                tenantId, userId, key, answer.request(), answer.status(), answer.version() == null ? null : answer.version().toString(),
                answer.location(), answer.body(), at, expiredBefore) == 1;
    }

    /**
     * Deletes at most {@code batch} keys stored at or before {@code expiredBefore}, oldest first, on index
     * {@code idempotency_keys_by_created_at}; rows a writer holds are skipped. Returns how many it deleted.
     */
    public int deleteExpired(Instant expiredBefore, int batch) {
        return sql.update("""
                        DELETE FROM idempotency_keys WHERE ctid IN (
                            SELECT ctid FROM idempotency_keys WHERE created_at <= ?
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)""", expiredBefore, batch);
    }
}
