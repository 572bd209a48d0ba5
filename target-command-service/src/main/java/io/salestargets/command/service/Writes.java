package io.salestargets.command.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.salestargets.command.domain.CommandRefused;
import io.salestargets.command.store.AppendOutOfOrder;
import io.salestargets.command.store.ConcurrentAppend;
import io.salestargets.events.access.Caller;
import io.salestargets.service.DatabaseFailures;
import io.salestargets.service.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a write in a transaction of its own, with the caller's idempotency key, and tries it again when
 * another transaction wrote the same stream first (unless the caller named a version with
 * {@code If-Match}: then that is a 412), when its transaction is older than the one that wrote the
 * stream's last version ({@link AppendOutOfOrder}), or when PostgreSQL ended it for a deadlock or a
 * serialization failure (SQLSTATE 40P01, 40001; two commands escalating one plan's lock: {@link
 * io.salestargets.command.store.PlanLock}): those {@link #CONFLICT_ATTEMPTS} times at most, then a 503 with {@code Retry-After}, never a 500.
 */
@ApplicationScoped
public class Writes {

    /** A write's idempotency key and what identifies its request. */
    public record Idempotency(String key, String request) {
    }

    /**
     * What a stored answer must pass before it is given again: the request's rights, licences and visibility,
     * checked now on the rows as they are (a refusal as the request itself would be refused now). Runs in the
     * replay's transaction; {@code stored} is the answer about to be given.
     */
    @FunctionalInterface
    public interface ReplayCheck {
        void check(WriteAnswer stored);
    }

    /** Enough for dozens of writers racing on one row; each try after a short random pause. */
    static final int ATTEMPTS = 30;
    /** Tries of a write that PostgreSQL ended for a deadlock or a serialization failure. */
    static final int CONFLICT_ATTEMPTS = 5;
    /** What the 503 after them tells the client to wait. */
    static final int CONFLICT_RETRY_AFTER_SECONDS = 1;
    private static final int MAX_PAUSE_MILLIS = 50;

    private static final Logger LOG = Logger.getLogger(Writes.class);

    private final IdempotencyKeys keys;

    public Writes(IdempotencyKeys keys) {
        this.keys = keys;
    }

    public WriteAnswer run(Caller caller, Optional<Idempotency> idempotency, Precondition precondition, ReplayCheck replay,
            Supplier<WriteAnswer> write) {
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Optional<WriteAnswer> stored = replayed(caller, idempotency, replay);
                    if (stored.isPresent()) {
                        return stored.get();
                    }
                    WriteAnswer answer = write.get();
                    idempotency.ifPresent(key -> keys.store(caller, key.key(), key.request(), answer));
                    return answer;
                });
            } catch (ConcurrentAppend e) {
                if (precondition.named()) {
                    throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT,
                            "The row changed meanwhile; read it again for its new ETag");
                }
                giveUpAfter(attempt, e);
            } catch (AppendOutOfOrder | IdempotencyKeys.KeyInUse e) {
                giveUpAfter(attempt, e);
            } catch (RuntimeException e) {
                if (!DatabaseFailures.conflicting(e)) {
                    throw e;
                }
                conflicts++;
                LOG.debugf("attempt %d: %s", attempt, DatabaseFailures.rootMessage(e));
                if (conflicts >= CONFLICT_ATTEMPTS) {
                    LOG.warnf("write given up after %d deadlocks or serialization failures: %s", conflicts,
                            DatabaseFailures.rootMessage(e));
                    throw ProblemException.unavailable("The write met concurrent writes " + conflicts
                            + " times; try again shortly", CONFLICT_RETRY_AFTER_SECONDS);
                }
                pause(conflicts * 20);
            }
        }
    }

    /**
     * The caller's answer stored for this key, if any, read (and its replay checked) in a transaction of its own:
     * for a write that must do slow work before its transaction (asking another service), so that a repeat gets
     * its first answer without that work.
     */
    public Optional<WriteAnswer> answered(Caller caller, Optional<Idempotency> idempotency, ReplayCheck replay) {
        return idempotency.isEmpty() ? Optional.empty()
                : QuarkusTransaction.requiringNew().call(() -> replayed(caller, idempotency, replay));
    }

    private Optional<WriteAnswer> replayed(Caller caller, Optional<Idempotency> idempotency, ReplayCheck replay) {
        if (idempotency.isEmpty()) {
            return Optional.empty();
        }
        Optional<WriteAnswer> stored = keys.find(caller, idempotency.get().key(), idempotency.get().request());
        stored.ifPresent(replay::check);
        return stored;
    }

    private static void giveUpAfter(int attempt, RuntimeException e) {
        LOG.debugf("attempt %d: %s", attempt, e.getMessage());
        if (attempt >= ATTEMPTS) {
            throw new CommandRefused(CommandRefused.Reason.VERSION_CONFLICT,
                    "The row changed under too many concurrent writes; try again");
        }
        pause(Math.min(MAX_PAUSE_MILLIS, 2 * attempt));
    }

    /** A random pause of up to {@code maxMillis}, so that writers that collided do not collide again in step. */
    private static void pause(int maxMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", interrupted);
        }
    }
}
