package io.salestargets.progress.streams;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Loads lz4-java's native (JNI) codec at startup, so that the Kafka clients' LZ4 (the producer's
 * {@code compression.type=lz4}, the consumers reading it) run natively. Kafka asks {@link LZ4Factory#fastestInstance()}
 * for every batch, and that tries the native library only once it is loaded or when lz4-java was loaded by the system
 * class loader: under Quarkus' class loader it gave the pure-Java, bounds-checked codec instead, about a tenth of the
 * stream thread in the benchmarks (and not in a plain Java application on the same machine). Where the native library
 * cannot be loaded (a platform lz4-java has no build for), the Java codec stays, as before.
 */
@ApplicationScoped
public class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    /** Early at startup: Kafka asks for a codec per batch, so every batch from then on is compressed natively. */
    void load(@Observes @Priority(1) StartupEvent started) {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, or lz4-java's ExceptionInInitializerError
            LOG.infof("LZ4 runs in Java: lz4-java's native library could not be loaded (%s)", unavailable);
        }
    }
}
