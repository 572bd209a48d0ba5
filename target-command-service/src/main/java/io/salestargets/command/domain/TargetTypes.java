package io.salestargets.command.domain;

import static io.salestargets.command.domain.CommandRefused.Reason.DUPLICATE;

import io.salestargets.events.FieldError;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.TargetType;
import io.salestargets.events.targets.TargetTypeAdded;
import io.salestargets.events.targets.Unit;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's target types: the built-in "All sales - Amount" and the ones it added. A type's
 * dimension and unit never change; no two types share both.
 */
public final class TargetTypes {

    private TargetTypes() {
    }

    /** The command behind {@code POST /target-types}; {@code id} may be null (derived from the name). */
    public record NewType(String id, String name, String dimension, Unit unit) {
    }

    /**
     * Adds a type to the tenant's {@code existing} ones (the built-in included).
     *
     * @throws CommandRefused LICENSE_REQUIRED, FORBIDDEN, INVALID, DUPLICATE
     */
    public static TargetTypeAdded add(Caller caller, List<TargetType> existing, NewType request, EventContext context) {
        Access.requireTypeAdmin(caller);
        String id = request.id() != null ? request.id() : request.name() == null ? null : idFrom(request.name());
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (request.name().length() > TargetType.MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + TargetType.MAX_NAME_LENGTH + " characters"));
        } else if (Text.problemOfLabel(request.name()) != null) {
            errors.add(new FieldError("name", Text.problemOfLabel(request.name())));
        }
        if (request.id() != null && !Fields.TYPE_ID.matcher(request.id()).matches()) {
            errors.add(new FieldError("id", "must match " + Fields.TYPE_ID.pattern()));
        } else if (request.id() == null && request.name() != null && !request.name().isBlank()
                && !Fields.TYPE_ID.matcher(id).matches()) {
            errors.add(new FieldError("name", "gives no usable id; send an id matching " + Fields.TYPE_ID.pattern()));
        }
        if (request.dimension() == null) {
            errors.add(new FieldError("dimension", "is required: 'all' or the name of a list of the sale"));
        } else if (!Fields.TYPE_ID.matcher(request.dimension()).matches()) {
            errors.add(new FieldError("dimension", "must be 'all' or match " + Fields.TYPE_ID.pattern()));
        }
        if (request.unit() == null) {
            errors.add(new FieldError("unit", "is required: AMOUNT, COUNT or PROFIT"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (TargetType type : existing) {
            if (type.id().equals(id)) {
                throw new CommandRefused(DUPLICATE, "A target type with id '" + id + "' exists");
            }
            if (type.dimension().equals(request.dimension()) && type.unit() == request.unit()) {
                throw new CommandRefused(DUPLICATE, "Target type '" + type.id() + "' already measures "
                        + request.dimension() + " in " + request.unit());
            }
        }
        TargetType type = new TargetType(id, request.name().strip(), request.dimension(), request.unit());
        return new TargetTypeAdded(context.eventId(), caller.tenantId(), type, context.at(), context.actor());
    }

    /** "Sale type - Count" -> {@code sale-type-count}; "Salgstype - Antall (Ø)" -> {@code salgstype-antall-o}. */
    public static String idFrom(String name) {
        String lower = name.toLowerCase(Locale.ROOT)
                .replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d").replace("ł", "l");
        String ascii = Normalizer.normalize(lower, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String id = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return id.length() > 64 ? id.substring(0, 64).replaceAll("-+$", "") : id;
    }
}
