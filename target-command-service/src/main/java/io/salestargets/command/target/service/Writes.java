package io.salestargets.command.target.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.salestargets.command.target.domain.CommandRefused;
import io.salestargets.command.target.store.ConcurrentAppend;
import io.salestargets.command.target.store.TargetPlans;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a write in a transaction of its own, with its idempotency key, and tries it again when
 * another transaction wrote the same stream first (unless the caller named a version with
 * {@code If-Match}: then that is a 412), or when it must lock its plan exclusively after all.
 */
@ApplicationScoped
public class Writes {

    /** A write's idempotency key and what identifies its request. */
    public record Idempotency(String key, String request) {
    }

    /** Enough for dozens of writers racing on one row; each try after a short random pause. */
    static final int ATTEMPTS = 30;
    private static final int MAX_PAUSE_MILLIS = 50;

    private static final Logger LOG = Logger.getLogger(Writes.class);

    private final IdempotencyKeys keys;

    public Writes(IdempotencyKeys keys) {
        this.keys = keys;
    }

    public WriteAnswer run(String tenantId, Optional<Idempotency> idempotency, Precondition precondition,
            Supplier<WriteAnswer> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (idempotency.isPresent()) {
                        Optional<WriteAnswer> stored = keys.find(tenantId, idempotency.get().key(), idempotency.get().request());
                        if (stored.isPresent()) {
                            return stored.get();
                        }
                    }
                    WriteAnswer answer = write.get();
                    idempotency.ifPresent(key -> keys.store(tenantId, key.key(), key.request(), answer));
                    return answer;
                });
            } catch (ConcurrentAppend e) {
                if (precondition.named()) {
                    throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT,
                            "The row changed meanwhile; read it again for its new ETag");
                }
                giveUpAfter(attempt, e);
            } catch (IdempotencyKeys.KeyInUse e) {
                giveUpAfter(attempt, e);
            } catch (TargetPlans.IntervalToFix e) {
                // at once: the write knows to lock the plan exclusively now
                LOG.debugf("attempt %d: %s", attempt, e.getMessage());
            }
        }
    }

    /**
     * The answer stored for this key, if any, read in a transaction of its own: for a write that must do
     * slow work before its transaction (asking another service), so that a repeat gets its first answer
     * without that work.
     */
    public Optional<WriteAnswer> answered(String tenantId, Optional<Idempotency> idempotency) {
        return idempotency.flatMap(key -> QuarkusTransaction.requiringNew().call(() -> keys.find(tenantId, key.key(), key.request())));
    }

    private static void giveUpAfter(int attempt, RuntimeException e) {
        LOG.debugf("attempt %d: %s", attempt, e.getMessage());
        if (attempt >= ATTEMPTS) {
            throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT,
                    "The row changed under too many concurrent writes; try again");
        }
        try {
            // a random pause, so that writers that collided do not collide again in step
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(MAX_PAUSE_MILLIS, 2 * attempt) + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", interrupted);
        }
    }
}
