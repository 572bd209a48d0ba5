package io.salestargets.progress.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.progress.query.ProgressFeed;
import io.salestargets.service.Problem;
import io.salestargets.service.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Streams one view to one client: the view now, then the view again each time {@link ProgressFeed}
 * says it changed, and a comment every 15 s so that proxies keep the connection. Every view sent is
 * read as the REST read of the view reads it, with the caller's rights (a caller who may no longer
 * read it gets the read's problem as the last event). The stream ends at the token's expiry, with a
 * last event {@code token-expired}. Each caller may have {@code progress.live.max-streams-per-caller}
 * streams open on an instance, and an instance {@code progress.live.max-streams}: past either, 429.
 */
@ApplicationScoped
public class LiveProgress {

    private static final Logger LOG = Logger.getLogger(LiveProgress.class);
    private static final long KEEP_ALIVE_SECONDS = 15;
    /** After a refusal for too many streams: a stream of the caller's, or of anyone, may have ended by then. */
    static final int FULL_RETRY_AFTER_SECONDS = 10;
    /** After a 503 while a changed view is read again (a rebalance, another instance out of reach). */
    private static final long UNAVAILABLE_RETRY_SECONDS = 2;
    private static final int REFRESH_THREADS = 4;

    private final ProgressFeed feed;
    private final int maxPerCaller;
    private final int maxStreams;
    private final Counter refusedForCaller;
    private final Counter refusedForInstance;
    /** Open streams per caller ({@code tenant/user}), and in all; guarded by {@code this}. */
    private final Map<String, Integer> perCaller = new HashMap<>();
    private int open;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemons("progress-sse-timers"));
    /** Reads the views to send, away from the feed's thread and the event loop (a read may be forwarded). */
    private final ExecutorService reads = Executors.newFixedThreadPool(REFRESH_THREADS, daemons("progress-sse-reads"));

    public LiveProgress(ProgressFeed feed, @ConfigProperty(name = "progress.live.max-streams-per-caller") int maxPerCaller,
            @ConfigProperty(name = "progress.live.max-streams") int maxStreams, MeterRegistry registry) {
        this.feed = feed;
        this.maxPerCaller = maxPerCaller;
        this.maxStreams = maxStreams;
        this.refusedForCaller = registry.counter("projector.live.streams.refused", "limit", "caller");
        this.refusedForInstance = registry.counter("projector.live.streams.refused", "limit", "instance");
        registry.gauge("projector.live.streams.open", this, LiveProgress::openStreams);
    }

    /**
     * Opens a stream of a row key's view to {@code sink}, until the client leaves, the token expires, or
     * the caller may no longer read the view.
     *
     * @param viewNow the view now as JSON, read as the REST read of it reads it (rights included); throws its
     *                problem. A problem here refuses the stream (nothing is sent yet), so does a 429 for too many streams
     */
    void stream(SseEventSink sink, Sse sse, Caller caller, Instant expiresAt, String rowKey, Supplier<String> viewNow) {
        String callerKey = caller.tenantId() + "/" + caller.userId();
        reserve(callerKey);
        new Stream(sink, sse, callerKey, viewNow).open(rowKey, expiresAt);
    }

    private synchronized void reserve(String callerKey) {
        if (open >= maxStreams) {
            refusedForInstance.increment();
            throw ProblemException.tooManyRequests("This instance has " + maxStreams + " live streams open, as many as it serves; "
                    + "try again after Retry-After", FULL_RETRY_AFTER_SECONDS);
        }
        int mine = perCaller.getOrDefault(callerKey, 0);
        if (mine >= maxPerCaller) {
            refusedForCaller.increment();
            throw ProblemException.tooManyRequests("You have " + maxPerCaller + " live streams open, as many as a caller may; "
                    + "close one, or try again after Retry-After", FULL_RETRY_AFTER_SECONDS);
        }
        perCaller.put(callerKey, mine + 1);
        open++;
    }

    private synchronized void release(String callerKey) {
        perCaller.computeIfPresent(callerKey, (key, count) -> count == 1 ? null : count - 1);
        open--;
    }

    private synchronized int openStreams() {
        return open;
    }

    /** One client's stream. Sends one event at a time; nothing after its end. */
    private final class Stream {

        private final SseEventSink sink;
        private final Sse sse;
        private final String callerKey;
        private final Supplier<String> viewNow;
        /** A view was published since the last one was read. */
        private final AtomicBoolean changed = new AtomicBoolean();
        /** A read is under way (the opening counts as one): at most one per stream, so views go out in order. */
        private final AtomicBoolean reading = new AtomicBoolean(true);
        /** The last view published was none (removed): sent as data null. */
        private volatile boolean removed;
        private volatile boolean ended;
        private Runnable unlisten = () -> { };
        private volatile List<ScheduledFuture<?>> timersOfStream = List.of();

        Stream(SseEventSink sink, Sse sse, String callerKey, Supplier<String> viewNow) {
            this.sink = sink;
            this.sse = sse;
            this.callerKey = callerKey;
            this.viewNow = viewNow;
        }

        /** Listens first, then reads the view now, so that a change in between is sent after it. */
        void open(String rowKey, Instant expiresAt) {
            unlisten = feed.listen(rowKey, this::published);
            String now;
            try {
                now = viewNow.get();
            } catch (RuntimeException e) {
                unlisten.run();
                release(callerKey);
                throw e;
            }
            streams.add(this);
            SseBroadcaster closing = sse.newBroadcaster(); // its only use: to be told when the client leaves
            closing.register(sink);
            closing.onClose(closed -> end(null));
            send(progress(now));
            long untilExpiry = Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis());
            timersOfStream = List.of(
                    timers.schedule(() -> end(tokenExpired(expiresAt)), untilExpiry, TimeUnit.MILLISECONDS),
                    timers.scheduleAtFixedRate(() -> send(sse.newEventBuilder().comment("keep-alive").build()),
                            KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS));
            if (ended) {
                timersOfStream.forEach(timer -> timer.cancel(false));
            }
            reading.set(false);
            readIfChanged();
        }

        private void published(ProgressView view) {
            removed = view == null;
            changed.set(true);
            readIfChanged();
        }

        private void readIfChanged() {
            if (!ended && changed.get() && reading.compareAndSet(false, true)) {
                reads.execute(this::read);
            }
        }

        /** Reads the changed view as the REST read does, and sends it; or the read's problem, as the last event. */
        private void read() {
            boolean again = true;
            try {
                while (!ended && changed.getAndSet(false)) {
                    boolean none = removed;
                    String json = viewNow.get();
                    send(progress(none ? "null" : json));
                }
            } catch (ProblemException e) {
                if (e.problem().status() == 503) {
                    changed.set(true);
                    again = false;
                    timers.schedule(this::readIfChanged, UNAVAILABLE_RETRY_SECONDS, TimeUnit.SECONDS);
                } else {
                    end(e.problem()); // not-found: the caller may no longer read the view
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Ending a live stream: reading its view failed");
                end(null);
            } finally {
                reading.set(false);
            }
            if (again) {
                readIfChanged();
            }
        }

        private OutboundSseEvent progress(String json) {
            return sse.newEventBuilder().name("progress").mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json).build();
        }

        private synchronized CompletionStage<?> send(OutboundSseEvent event) {
            if (ended || sink.isClosed()) {
                return null;
            }
            try {
                return sink.send(event).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        timers.execute(() -> end(null)); // not here: the sink's close would run under this stream's lock
                    }
                });
            } catch (IllegalStateException closedMeanwhile) {
                timers.execute(() -> end(null));
                return null;
            }
        }

        /** Ends the stream once: {@code why} (a problem) as its last event, if any; frees its slot. */
        void end(Problem why) {
            CompletionStage<?> last;
            synchronized (this) {
                if (ended) {
                    return;
                }
                last = why == null ? null : send(sse.newEventBuilder().name(why.type().substring(why.type().lastIndexOf('/') + 1))
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, EventJson.writeString(why)).build());
                ended = true;
            }
            unlisten.run();
            timersOfStream.forEach(timer -> timer.cancel(false));
            streams.remove(this);
            release(callerKey);
            if (last == null) {
                close();
            } else {
                last.whenComplete((ignored, failure) -> close());
            }
        }

        private void close() {
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }

    private static Problem tokenExpired(Instant expiresAt) {
        return Problem.of("token-expired", "Token expired", 401, "The token expired at " + expiresAt
                + "; open the stream again with a fresh token");
    }

    private static ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void shutdown() {
        streams.forEach(stream -> stream.end(null));
        timers.shutdownNow();
        reads.shutdownNow();
    }
}
