package io.salestargets.localstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher passes a JVM option to the services only where their JVM (its own) knows it. */
class ServiceProcessTest {

    @Test
    void knowsTheOptionsOfItsOwnJvmOnly() {
        assertThat(ServiceProcess.vmOptionKnown("MaxHeapSize")).isTrue();
        assertThat(ServiceProcess.vmOptionKnown("InitiatingHeapOccupancyPercent")).isTrue();
        assertThat(ServiceProcess.vmOptionKnown("NoSuchOptionOfAnyJvm")).isFalse();
    }
}
