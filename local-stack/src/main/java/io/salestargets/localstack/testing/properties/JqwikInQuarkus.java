package io.salestargets.localstack.testing.properties;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.engine.JqwikTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs jqwik properties from inside a {@code @QuarkusTest}, while the application runs.
 *
 * <p>Why: jqwik is a JUnit Platform engine of its own, and {@code @QuarkusTest} is a JUnit Jupiter
 * extension, so a jqwik {@code @Property} cannot be a {@code @QuarkusTest} (jqwik issue #487: no
 * Quarkus support, unlike its Spring and Micronaut add-ons). jqwik's generators cannot be driven by
 * hand either: outside a property, {@code Arbitrary.generator()} of a combined arbitrary fails
 * ({@code OutsideJqwikException}), and {@code sampleStream()} takes no seed, so a failure could not be
 * replayed. So a Jupiter {@code @Test} of the {@code @QuarkusTest} class starts the application as
 * usual and hands a class of jqwik properties to a JUnit Platform launcher of its own, with the jqwik
 * engine only: the properties run in the same JVM and thread, with the application up (its HTTP port,
 * its CDI beans, its log), and keep all of jqwik: a random seed reported with each failure, edge
 * cases, shrinking to the smallest failing input, the failure database.
 *
 * <p>The property classes are not named {@code *Test}, so that surefire never runs them on their own.
 * Any failed property fails the calling test with jqwik's report (seed and sample) and the cause; so
 * does a class in which nothing ran.
 */
public final class JqwikInQuarkus {

    private JqwikInQuarkus() {
    }

    /** Runs the properties {@code names} of {@code properties} (all of them when none is named). */
    public static void run(Class<?> properties, String... names) {
        List<Method> methods = Arrays.stream(properties.getDeclaredMethods())
                .filter(method -> names.length == 0 || Arrays.asList(names).contains(method.getName())).toList();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                // where jqwik keeps failed samples and seeds, to try them first next time
                .configurationParameter("jqwik.database", "target/jqwik-database")
                // jqwik's report (seed, sample, shrinking) through the launcher, so that it becomes part of the failure
                .configurationParameter("jqwik.reporting.usejunitplatform", "true");
        if (names.length == 0) {
            request.selectors(DiscoverySelectors.selectClass(properties));
        } else {
            if (methods.size() != names.length) {
                throw new IllegalArgumentException("no such properties in " + properties.getName() + ": " + Arrays.toString(names));
            }
            methods.forEach(method -> request.selectors(DiscoverySelectors.selectMethod(properties, method)));
        }
        run(request.build());
    }

    private static void run(LauncherDiscoveryRequest request) {
        // only the jqwik engine, and none of the listeners found on the class path (Quarkus's among them)
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(new JqwikTestEngine())
                .build());
        Outcome outcome = new Outcome();
        launcher.execute(request, outcome);
        outcome.verify();
    }

    private static final class Outcome implements TestExecutionListener {

        private final List<String> failures = new ArrayList<>();
        private final List<Throwable> causes = new ArrayList<>();
        private final List<String> reports = new ArrayList<>();
        private int succeeded;

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            // jqwik's report of each property (tries, seed, statistics; the sample when it failed), for the build log too
            String report = test.getDisplayName() + ": " + String.join("\n", entry.getKeyValuePairs().values());
            System.out.println(report);
            reports.add(report);
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            failures.add(test.getDisplayName() + " was skipped: " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                succeeded += test.isTest() ? 1 : 0;
                return;
            }
            failures.add(test.getDisplayName() + " " + result.getStatus());
            result.getThrowable().ifPresent(causes::add);
        }

        void verify() {
            if (failures.isEmpty() && succeeded > 0) {
                return;
            }
            StringBuilder message = new StringBuilder(failures.isEmpty() ? "no property ran" : String.join("\n", failures));
            reports.forEach(report -> message.append("\n\n").append(report));
            AssertionError error = new AssertionError(message.toString(), causes.isEmpty() ? null : causes.get(0));
            causes.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }
}
