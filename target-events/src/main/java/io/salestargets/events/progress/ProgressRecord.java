package io.salestargets.events.progress;

/**
 * A record of {@code targets.progress}: a row's {@link ProgressView} (key: the row key) or a
 * {@link TargetAttained} (key: the row key + {@link TargetAttained#KEY_SUFFIX}). The header {@link #TYPE_HEADER}
 * tells them apart without reading the value; {@code io.salestargets.events.kafka.ProgressRecordDeserializer}
 * reads either.
 */
public sealed interface ProgressRecord permits ProgressView, TargetAttained {

    /** The header that names the kind of record (the CloudEvents type; the only header, not a complete CloudEvent). */
    String TYPE_HEADER = "ce_type";
    /** {@link #TYPE_HEADER} of a {@link ProgressView} or its tombstone. */
    String VIEW_TYPE = "TargetProgress";
    /** {@link #TYPE_HEADER} of a {@link TargetAttained}, and its value's {@code type}. */
    String ATTAINED_TYPE = "TargetAttained";
}
