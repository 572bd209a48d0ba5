package io.salestargets.progress.query;

import io.salestargets.events.progress.ProgressView;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The progress of every owner of a year, type and item that has a row or sales, and that the caller
 * may read: the company, and per group its own progress and its users'.
 */
@Schema(name = "ProgressDialog")
public record ProgressDialogView(ProgressView company, List<Group> groups) {

    /** A group's progress (null when it has no row or sales, or may not be read), its users', and the sum of their targets. */
    public record Group(ProgressView group, List<ProgressView> users, BigDecimal usersTargetTotal) {
    }
}
