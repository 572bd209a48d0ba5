package io.salestargets.progress.rest;

import io.salestargets.events.json.EventJson;
import io.salestargets.progress.query.ProgressFeed;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams one view to one client: the view now, then each new one from {@link ProgressFeed}, and a
 * comment every 15 s so that proxies keep the connection and a closed one is noticed.
 */
@ApplicationScoped
public class LiveProgress {

    private static final long KEEP_ALIVE_SECONDS = 15;

    private final ProgressFeed feed;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress-sse-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    public LiveProgress(ProgressFeed feed) {
        this.feed = feed;
    }

    void stream(SseEventSink sink, Sse sse, String viewNow, String rowKey) {
        AtomicReference<Runnable> stop = new AtomicReference<>(() -> { });
        Runnable close = () -> {
            stop.get().run();
            if (!sink.isClosed()) {
                sink.close();
            }
        };
        send(sink, progress(sse, viewNow), close);
        stop.set(feed.listen(rowKey, view -> send(sink, progress(sse, view == null ? "null" : EventJson.writeString(view)), close)));
        ScheduledFuture<?>[] ping = new ScheduledFuture<?>[1];
        ping[0] = keepAlive.scheduleAtFixedRate(() -> {
            if (sink.isClosed()) {
                close.run();
                ping[0].cancel(false);
            } else {
                send(sink, sse.newEventBuilder().comment("keep-alive").build(), close);
            }
        }, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    private static OutboundSseEvent progress(Sse sse, String json) {
        return sse.newEventBuilder().name("progress").mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json).build();
    }

    private static void send(SseEventSink sink, OutboundSseEvent event, Runnable close) {
        if (sink.isClosed()) {
            close.run();
            return;
        }
        sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close.run();
            }
        });
    }

    @PreDestroy
    void shutdown() {
        keepAlive.shutdownNow();
    }
}
