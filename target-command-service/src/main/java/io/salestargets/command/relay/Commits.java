package io.salestargets.command.relay;

import io.salestargets.command.store.EventsCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Wakes the relay when a transaction that appended events commits in this instance: the committing
 * thread rings, observing the store's {@link EventsCommitted} ({@link #committed}), the relay waits
 * for the next ring ({@link #await}) with its poll
 * interval as the limit. A ring while the relay is at work is kept, so that it looks again at once.
 *
 * <p>Commits of other instances do not ring here: their own relay is woken, and publishes them, or
 * finds this one at work, which then looks again before it waits. (PostgreSQL's {@code NOTIFY} would
 * ring every instance, but it makes every committing transaction wait for a lock that each holds
 * until its commit is flushed: commits would be flushed one at a time.)
 */
@ApplicationScoped
public class Commits {

    private boolean rung;

    /** Rung after a transaction that appended events committed. */
    synchronized void committed(@Observes EventsCommitted committed) {
        rung = true;
        notifyAll();
    }

    /** Waits up to {@code timeout} for a commit; returns at once when one came since the last call. */
    synchronized void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!rung) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Duration wait = Duration.ofNanos(left);
            wait(Math.max(1, wait.toMillis()));
        }
        rung = false;
    }
}
