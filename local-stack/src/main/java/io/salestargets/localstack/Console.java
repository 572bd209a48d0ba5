package io.salestargets.localstack;

import java.util.function.Function;
import java.util.function.Supplier;

/** Progress on the terminal: what the launcher is doing, how long each step took, and what failed. */
final class Console {

    /** A step that failed: says what to do about it. */
    static final class StepFailed extends RuntimeException {
        private final String fix;

        StepFailed(String message, String fix, Throwable cause) {
            super(message, cause);
            this.fix = fix;
        }

        String fix() {
            return fix;
        }
    }

    private final int steps;
    private int step;

    Console(int steps) {
        this.steps = steps;
    }

    /** Runs a step, printing its name, then its outcome and duration. */
    <T> T step(String name, Supplier<T> work, Function<T, String> outcome, String fix) {
        step++;
        String label = String.format("  [%d/%d] %-24s", step, steps, name);
        System.out.print(label);
        System.out.flush();
        long started = System.nanoTime();
        try {
            T result = work.get();
            System.out.printf("%s (%.1f s)%n", outcome.apply(result), seconds(started));
            return result;
        } catch (RuntimeException e) {
            System.out.printf("FAILED after %.1f s%n", seconds(started));
            throw new StepFailed(name + ": " + e.getMessage(), fix, e);
        }
    }

    static void failure(StepFailed failed) {
        System.err.println();
        System.err.println("error: " + failed.getMessage());
        if (failed.fix() != null) {
            System.err.println("fix:   " + failed.fix());
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
