package io.salestargets.progress.query;

import java.util.List;

/** What one instance holds for a target dialog: whether it knows the type, and the owners' progress it may show. */
public record LocalProgress(boolean typeKnown, List<OwnerProgress> owners) {
}
