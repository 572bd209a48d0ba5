package io.salestargets.localstack.testing.properties;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;

/**
 * Runs a property-based test with QuickTheories (docs/security.md, "Property-based tests"), inside a plain
 * JUnit 5 test, a {@code @QuarkusTest} among them: the property runs in the test's thread, with the
 * application up. Every run uses one fixed seed, {@value #DEFAULT_SEED}, or the one of the system property
 * {@value #SEED_PROPERTY} (QuickTheories' own name for it; {@code ./mvnw ... -DQT_SEED=42} reaches the tests).
 * A failure names the property, the seed and how to replay it, the smallest failing value QuickTheories shrank
 * it to and its cause (the request and answer, for the HTTP properties).
 */
public final class Theories {

    /** The system property that sets the seed; QuickTheories reads the same name. */
    public static final String SEED_PROPERTY = Configuration.SEED;
    /** The seed of every run that sets none. */
    public static final long DEFAULT_SEED = 20_261_202L;

    private Theories() {
    }

    /** The seed of this run. */
    public static long seed() {
        return Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    }

    /**
     * Checks {@code property} on {@code examples} values of {@code values} (QuickTheories skips a value whose draws
     * it already tried), then shrinks a failing one in at most {@code shrinkCycles} more tries. Prints how many
     * it checked, and the seed.
     */
    public static <T> void check(String name, int examples, int shrinkCycles, Gen<T> values, Consumer<T> property) {
        long seed = seed();
        AtomicInteger checked = new AtomicInteger();
        QuickTheory.qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(shrinkCycles)
                .withReporter(new Replayable(name))
                .forAll(values)
                .checkAssert(value -> {
                    checked.incrementAndGet();
                    property.accept(value);
                });
        System.out.println(name + ": " + checked.get() + " examples passed (seed " + seed + ")");
    }

    /** QuickTheories' report (seed, smallest value, cause), headed by the property and how to replay it. */
    private record Replayable(String name) implements Reporter {

        private static final ExceptionReporter REPORTER = new ExceptionReporter();

        @Override
        public void falisification(long seed, int count, Object smallest, Throwable cause, List<Object> examples,
                AsString<Object> toString) {
            try {
                REPORTER.falisification(seed, count, smallest, cause, examples, toString);
            } catch (AssertionError report) {
                throw headed(seed, report, cause);
            }
        }

        @Override
        public void falisification(long seed, int count, Object smallest, List<Object> examples, AsString<Object> toString) {
            try {
                REPORTER.falisification(seed, count, smallest, examples, toString);
            } catch (AssertionError report) {
                throw headed(seed, report, null);
            }
        }

        @Override
        public void valuesExhausted(int completed) {
            REPORTER.valuesExhausted(completed);
        }

        private AssertionError headed(long seed, AssertionError report, Throwable cause) {
            return new AssertionError("property " + name + " failed with seed " + seed + " (replay: -D" + SEED_PROPERTY + "="
                    + seed + ")\n" + report.getMessage(), cause);
        }
    }
}
