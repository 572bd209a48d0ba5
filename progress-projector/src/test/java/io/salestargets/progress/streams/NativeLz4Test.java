package io.salestargets.progress.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salestargets.progress.ProjectorInfrastructure;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** Runs under Quarkus' class loader, as the projector does: there, lz4-java alone would pick its Java codec. */
@QuarkusTest
@WithTestResource(ProjectorInfrastructure.class)
class NativeLz4Test {

    @Test
    void kafkasLz4IsNativeOnceTheProjectorStarted() {
        assertThat(LZ4Factory.class.getClassLoader()).isNotSameAs(ClassLoader.getSystemClassLoader());
        // what Kafka's Lz4BlockOutputStream and KafkaLZ4BlockInputStream ask for, per batch
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
        assertThat(LZ4Factory.fastestInstance().fastCompressor().getClass().getSimpleName()).isEqualTo("LZ4JNICompressor");
    }
}
