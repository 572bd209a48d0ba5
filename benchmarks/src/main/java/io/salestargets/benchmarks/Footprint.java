package io.salestargets.benchmarks;

import java.time.Duration;

/**
 * Benchmark 5, footprint: the resident memory of each service (measured at the end of the catch-up
 * and of the commands), and how long the projector takes to restart with its state on disk: stopped
 * with SIGTERM, started again with {@code deploy/local/start}, until it is ready and until it has
 * caught up with what came in meanwhile (nothing, here).
 */
final class Footprint {

    record Restart(double stopSeconds, double startSeconds, double caughtUpSeconds, double projectorRssMib,
            double commandServiceRssMib) {
    }

    private final BenchContext bench;

    Footprint(BenchContext bench) {
        this.bench = bench;
    }

    Restart restartProjector() {
        bench.log("footprint: stopping the projector (SIGTERM), its state stays on disk");
        long stopping = System.nanoTime();
        bench.stack().stopProjector();
        long stopped = System.nanoTime();
        bench.log("footprint: starting it again (deploy/local/start)");
        bench.stack().start(bench.log());
        long ready = System.nanoTime();
        long caughtUp = bench.awaitProjectorCaughtUp(Duration.ofMinutes(10));
        double projector = LocalStackControl.residentMib(bench.stack().pid(LocalStackControl.PROJECTOR).orElseThrow());
        double commandService = LocalStackControl.residentMib(bench.stack().pid(LocalStackControl.COMMAND_SERVICE).orElseThrow());
        Restart restart = new Restart((stopped - stopping) / 1e9, (ready - stopped) / 1e9, (caughtUp - stopped) / 1e9, projector,
                commandService);
        bench.log("footprint: restart until ready %.1f s, until caught up %.1f s; RSS projector %.0f MiB, command service %.0f MiB"
                .formatted(restart.startSeconds(), restart.caughtUpSeconds(), projector, commandService));
        return restart;
    }
}
