package io.salestargets.command.target.service;

import io.salestargets.command.target.domain.CommandRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first answer to each write that carried an {@code Idempotency-Key} (table
 * {@code idempotency_keys}), stored in the transaction of the write's events. Keys are per tenant.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Another transaction stored the same key first: the write is to be tried again, and then finds it. */
    public static class KeyInUse extends RuntimeException {
        KeyInUse() {
            super("idempotency key stored concurrently", null, false, false);
        }
    }

    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The stored answer for this key, if any.
     *
     * @throws CommandRefused INVALID when the key was used for another request
     */
    public Optional<WriteAnswer> find(String tenantId, String key, String request) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT request, status, etag, location, body FROM idempotency_keys
                        WHERE tenant_id = :tenant AND idempotency_key = :key""")
                .setParameter("tenant", tenantId).setParameter("key", key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!request.equals(row[0])) {
            throw CommandRefused.invalid("Idempotency-Key", "was used for another request; use a new key for each request");
        }
        Long version = row[2] == null ? null : Long.valueOf((String) row[2]);
        return Optional.of(new WriteAnswer(((Number) row[1]).intValue(), (String) row[4], version, (String) row[3]));
    }

    public void store(String tenantId, String key, String request, WriteAnswer answer) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_keys (tenant_id, idempotency_key, request, status, etag, location, body, created_at)
                        VALUES (:tenant, :key, :request, :status, :etag, :location, :body, :createdAt)
                        ON CONFLICT DO NOTHING""")
                .setParameter("tenant", tenantId).setParameter("key", key).setParameter("request", request)
                .setParameter("status", answer.status())
                .setParameter("etag", answer.version() == null ? null : answer.version().toString())
                .setParameter("location", answer.location())
                .setParameter("body", answer.body())
                .setParameter("createdAt", Timestamp.from(Instant.now()))
                .executeUpdate();
        if (inserted == 0) {
            throw new KeyInUse();
        }
    }
}
