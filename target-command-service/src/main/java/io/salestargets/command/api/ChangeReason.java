package io.salestargets.command.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of {@code POST <row>/lock} and {@code POST <row>/unlock}: why. */
@Schema(name = "ChangeReason", example = """
        {"reason":"Q3 figures corrected after the audit"}""")
public record ChangeReason(
        @Schema(description = "Why; shown in the history and carried by the event. At most 500 characters, no NUL, no lone surrogates")
        String reason) {
}
