package io.salestargets.progress.differential;

import java.util.List;
import java.util.SortedMap;

/**
 * {@code targets.progress} as a compacted topic holds it once compaction is done: each view's last value under its
 * row key (a key whose last record is a tombstone is absent), and beside it every {@code TargetAttained} in the
 * order published (compaction keeps them, each under its own {@code <row key>#attained}; one per target, so none is
 * lost to a later one).
 *
 * @param views    row key -> the view's JSON, as published
 * @param attained the {@code TargetAttained} records, in the order published
 */
public record ProgressTopic(SortedMap<String, String> views, List<Attained> attained) {

    /**
     * A {@code TargetAttained} as published.
     *
     * @param publication which publication sent it: 1 for the first {@link Input.Publication} of the stream, and so
     *                    on; the publications of {@link ProgressTopicDriver#progress()} after the stream count as one,
     *                    the last
     * @param key         {@code <row key>#attained}
     * @param json        its value
     */
    public record Attained(int publication, String key, String json) {
    }
}
