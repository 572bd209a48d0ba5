package io.salestargets.command.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salestargets.command.store.IdempotencyKeyStore;
import io.salestargets.command.store.IdempotencyKeyStore.StoredAnswer;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first answer to each write that carried an {@code Idempotency-Key} (table {@code idempotency_keys}),
 * stored in the transaction of the write's events. Keys are the caller's: per tenant and user, so that
 * another user sending the same key and body has the request processed as their own. A key is kept for
 * {@code idempotency.retention} (24 h): older, it is as if never used, and it is deleted every
 * {@code idempotency.cleanup-interval}, in small batches that skip rows a writer holds.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Another transaction stored the same key first: the write is to be tried again, and then finds it. */
    public static class KeyInUse extends RuntimeException {
        KeyInUse() {
            super("idempotency key stored concurrently", null, false, false);
        }
    }

    /** Keys deleted by one statement (one short transaction) of the cleanup. */
    static final int CLEANUP_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    private final IdempotencyKeyStore store;
    private final Duration retention;
    private final Duration cleanupInterval;
    private ScheduledExecutorService cleanup;

    public IdempotencyKeys(IdempotencyKeyStore store, @ConfigProperty(name = "idempotency.retention") Duration retention,
            @ConfigProperty(name = "idempotency.cleanup-interval") Duration cleanupInterval) {
        this.store = store;
        this.retention = retention;
        this.cleanupInterval = cleanupInterval;
    }

    void start(@Observes StartupEvent startup) {
        cleanup = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-keys-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        cleanup.scheduleWithFixedDelay(() -> {
            try {
                deleteExpired();
            } catch (RuntimeException e) {
                LOG.warnf("expired idempotency keys not deleted, trying again in %s: %s", cleanupInterval, e.getMessage());
            }
        }, cleanupInterval.toMillis(), cleanupInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (cleanup != null) {
            cleanup.shutdownNow();
        }
    }

    /**
     * The caller's stored answer for this key, if any and not expired.
     *
     * @throws InvalidInputException when the key was used for another request
     */
    public Optional<WriteAnswer> find(Caller caller, String key, String request) {
        Optional<StoredAnswer> stored = store.find(caller.tenantId(), caller.userId(), key, expiredBefore());
        if (stored.isPresent() && !request.equals(stored.get().request())) {
            throw new InvalidInputException("Idempotency-Key", "was used for another request; use a new key for each request");
        }
        return stored.map(answer -> new WriteAnswer(answer.status(), answer.body(), answer.version(), answer.location()));
    }

    /** Stores the caller's answer for this key, replacing an expired one that cleanup has not deleted yet. */
    public void store(Caller caller, String key, String request, WriteAnswer answer) {
        StoredAnswer stored = new StoredAnswer(request, answer.status(), answer.version(), answer.location(), answer.body());
        if (!store.store(caller.tenantId(), caller.userId(), key, stored, Instant.now(), expiredBefore())) {
            throw new KeyInUse();
        }
    }

    /**
     * Deletes the keys older than the retention, {@value #CLEANUP_BATCH} at a time, each batch a transaction of its
     * own on index {@code idempotency_keys_by_created_at}; rows a writer holds are skipped (the next run takes
     * them), so that the cleanup never makes a write wait. Returns how many it deleted.
     */
    public int deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> store.deleteExpired(expiredBefore(), CLEANUP_BATCH));
            total += deleted;
        } while (deleted == CLEANUP_BATCH);
        if (total > 0) {
            LOG.debugf("deleted %d expired idempotency keys", total);
        }
        return total;
    }

    private Instant expiredBefore() {
        return Instant.now().minus(retention);
    }
}
