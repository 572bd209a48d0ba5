package io.salestargets.localkafka;

import java.util.Optional;

/**
 * Runs a single Kafka broker (KRaft, combined broker and controller) in this JVM, from a
 * {@code server.properties} file whose storage is already formatted.
 *
 * <pre>java -cp &lt;KafkaDistribution.classpath()&gt; io.salestargets.localkafka.BrokerMain server.properties [--exit-with PID]</pre>
 *
 * <p>With {@code --exit-with}, the broker shuts down cleanly when that process ends, so that a test
 * JVM that dies never leaves a broker behind.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && "--exit-with".equals(args[1]))) {
            System.err.println("usage: BrokerMain <server.properties> [--exit-with <pid>]");
            System.exit(2);
        }
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile",
                    BrokerMain.class.getResource("/local-kafka/log4j2.xml").toString());
        }
        if (args.length == 3) {
            exitWith(Long.parseLong(args[2]));
        }
        kafka.Kafka.main(new String[] {args[0]});
    }

    private static void exitWith(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty()) {
            System.err.println("process " + pid + " is gone: not starting");
            System.exit(1);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("process " + pid + " ended: shutting the broker down");
            // Kafka's shutdown hook stops the broker cleanly
            System.exit(0);
        });
    }
}
