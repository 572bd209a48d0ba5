package io.salestargets.events;

import java.util.List;

/**
 * The product's Kafka topics (contract section 4). Created by the project's tooling, never by
 * the broker's auto-create.
 */
public final class Topics {

    /** Target events, keyed by row key or type key. Delete policy, infinite retention. */
    public static final String TARGET_EVENTS = "targets.events";
    /** Sale records published by the CRM, keyed {@code <tenant>/<saleId>}. Compacted. */
    public static final String SALES = "crm.sales";
    /** Sale records that could not be read, with the reason and source coordinates in headers. */
    public static final String SALES_DLQ = "crm.sales.dlq";
    /** Progress views keyed by row key, and TargetAttained keyed by row key + "#attained" (header ce_type tells them apart). Compacted. */
    public static final String PROGRESS = "targets.progress";

    public static final List<String> ALL = List.of(TARGET_EVENTS, SALES, SALES_DLQ, PROGRESS);

    /** Headers of a dead-letter record. */
    public static final class DeadLetterHeaders {
        public static final String ERROR = "error";
        public static final String SOURCE_TOPIC = "source.topic";
        public static final String SOURCE_PARTITION = "source.partition";
        public static final String SOURCE_OFFSET = "source.offset";

        private DeadLetterHeaders() {
        }
    }

    /** CloudEvents binary-mode headers carried by every record on {@link #TARGET_EVENTS}. */
    public static final class CloudEventHeaders {
        public static final String SPEC_VERSION = "ce_specversion";
        public static final String ID = "ce_id";
        public static final String TYPE = "ce_type";
        public static final String SOURCE = "ce_source";
        public static final String TIME = "ce_time";
        public static final String SUBJECT = "ce_subject";
        public static final String CONTENT_TYPE = "content-type";

        public static final String SPEC_VERSION_VALUE = "1.0";
        public static final String SOURCE_VALUE = "/target-command-service";
        public static final String CONTENT_TYPE_VALUE = "application/json";

        private CloudEventHeaders() {
        }
    }

    private Topics() {
    }
}
