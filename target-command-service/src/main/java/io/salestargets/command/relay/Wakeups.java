package io.salestargets.command.relay;

import io.salestargets.command.store.EventsCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Wakes the relay: when a transaction that appended events commits in this instance (the committing thread
 * rings, observing the store's {@link EventsCommitted}), and when the broker has answered for a batch the relay
 * sent ({@link #ring}). The relay waits for the next ring ({@link #await}) with a limit; a ring while it is at work
 * is kept, so that it looks again at once.
 *
 * <p>Commits of other instances do not ring here: the relay that leads publishes them when its own instance's
 * commits or acknowledgements wake it, or at its poll interval. (PostgreSQL's {@code NOTIFY} would ring every
 * instance, but it makes every committing transaction wait for a lock that each holds until its commit is
 * flushed: commits would be flushed one at a time.)
 */
@ApplicationScoped
public class Wakeups {

    private boolean rung;

    /** Rung after a transaction that appended events committed. */
    void committed(@Observes EventsCommitted committed) {
        ring();
    }

    /** Wakes the relay, or has it look again at once when it next waits. */
    synchronized void ring() {
        rung = true;
        notifyAll();
    }

    /** Waits up to {@code timeout} for a ring; returns at once when one came since the last call. */
    synchronized void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!rung) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
        rung = false;
    }
}
