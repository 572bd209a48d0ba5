package io.salestargets.command.domain;

import static io.salestargets.command.domain.CommandRefused.Reason.NOT_FOUND;
import static io.salestargets.command.domain.CommandRefused.Reason.TARGET_LOCKED;

import io.salestargets.events.FieldError;
import io.salestargets.events.Fields;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import io.salestargets.events.targets.RowId;
import io.salestargets.events.targets.TargetLocked;
import io.salestargets.events.targets.TargetRemoved;
import io.salestargets.events.targets.TargetRowEvent;
import io.salestargets.events.targets.TargetSet;
import io.salestargets.events.targets.TargetUnlocked;
import io.salestargets.events.targets.Unit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A target row: one owner's values per period for one year, target type and list item. Defined by
 * its events ({@link #replay}); commands start from the row as the read model holds it after its last
 * event ({@link #restore}). Each command returns the event it causes (none when nothing changes),
 * and {@link #apply} gives the row after it. Versions grow by one per event, also across a removal, so
 * that consumers can tell old events from new ones.
 *
 * <p>Every command may say why ({@link EventContext#reason()}); with {@link TenantSettings#reasonRequiredAfterUnlock()}
 * a row once unlocked without a reason refuses any change that does not say why.
 */
public final class TargetRow {

    /** Largest value of one period. */
    public static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");
    public static final int MAX_DECIMALS = 2;
    public static final int MAX_REASON_LENGTH = 500;

    private final String tenantId;
    private final RowId id;
    private final long version;
    private final TargetValues values;
    private final boolean locked;
    private final Instant updatedAt;
    private final String updatedBy;
    private final boolean unlockedWithoutReason;

    private TargetRow(String tenantId, RowId id, long version, TargetValues values, boolean locked, Instant updatedAt,
            String updatedBy, boolean unlockedWithoutReason) {
        this.tenantId = tenantId;
        this.id = id;
        this.version = version;
        this.values = values;
        this.locked = locked;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.unlockedWithoutReason = unlockedWithoutReason;
    }

    /** The row as its events, oldest first, leave it. */
    public static TargetRow replay(String tenantId, RowId id, List<? extends TargetRowEvent> events) {
        TargetRow row = new TargetRow(tenantId, id, 0, null, false, null, null, false);
        for (TargetRowEvent event : events) {
            row = row.apply(event);
        }
        return row;
    }

    /**
     * The row as stored after its event of {@code version}: {@code values} null when it does not exist
     * (never set, or removed; then {@code version} is that of its last event, 0 when it has none).
     * {@code unlockedWithoutReason}: whether any of its events, also before a removal, is a {@link TargetUnlocked}
     * without a reason (none, or an empty one).
     */
    public static TargetRow restore(String tenantId, RowId id, long version, TargetValues values, boolean locked,
            Instant updatedAt, String updatedBy, boolean unlockedWithoutReason) {
        return values == null ? new TargetRow(tenantId, id, version, null, false, null, null, unlockedWithoutReason)
                : new TargetRow(tenantId, id, version, values, locked, updatedAt, updatedBy, unlockedWithoutReason);
    }

    public TargetRow apply(TargetRowEvent event) {
        if (event.version() != version + 1) {
            throw new IllegalStateException("event version " + event.version() + " does not follow " + version + " of " + id);
        }
        if (event instanceof TargetSet set) {
            return new TargetRow(tenantId, id, set.version(), TargetValues.of(set), locked, set.occurredAt(), set.actor(),
                    unlockedWithoutReason);
        }
        if (event instanceof TargetLocked) {
            return new TargetRow(tenantId, id, event.version(), values, true, event.occurredAt(), event.actor(), unlockedWithoutReason);
        }
        if (event instanceof TargetUnlocked unlocked) {
            return new TargetRow(tenantId, id, event.version(), values, false, event.occurredAt(), event.actor(),
                    unlockedWithoutReason || !givesReason(unlocked.reason()));
        }
        return new TargetRow(tenantId, id, event.version(), null, false, event.occurredAt(), event.actor(), unlockedWithoutReason);
    }

    /**
     * Sets the values. Empty when they are what the row already holds: no event, same version.
     *
     * @throws CommandRefused INVALID naming each field at fault (a missing reason: see {@link #requireReason}), TARGET_LOCKED
     */
    public Optional<TargetSet> set(SetValues command, Measure measure, EventContext context, TenantSettings settings) {
        List<FieldError> errors = check(command, measure.unit());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (locked) {
            throw new CommandRefused(TARGET_LOCKED, "The row is locked: unlock it first");
        }
        if (exists() && sameAs(command)) {
            return Optional.empty();
        }
        requireReason(context, settings);
        return Optional.of(new TargetSet(context.eventId(), tenantId, id, measure, command.groupId(), command.interval(),
                command.values().stream().map(TargetRow::normalized).toList(), command.currency(), version + 1, context.at(),
                context.actor(), context.reason()));
    }

    /**
     * A checked value as it is kept and published: trailing zeros beyond {@link #MAX_DECIMALS} dropped and no
     * exponent ({@code 1.500} is {@code 1.5}, {@code 1e3} is {@code 1000}, {@code 0e-10000} is {@code 0}), like the
     * amounts of sales. Its scale then fits every form it is written in (JSON writes decimals plainly, which
     * Jackson refuses beyond a scale of 9999: a zero of any scale passes the checks). Only after {@link #check}:
     * the bound on the value keeps {@code setScale} cheap.
     */
    static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.scale() > MAX_DECIMALS ? value.stripTrailingZeros() : value;
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * Locks ({@code locked}) or unlocks the row. Empty when it is in that state already: no event, same version.
     */
    public Optional<TargetRowEvent> changeLock(boolean locked, EventContext context, TenantSettings settings) {
        checkReason(context);
        requireExists();
        if (this.locked == locked) {
            return Optional.empty();
        }
        requireReason(context, settings);
        return Optional.of(locked
                ? new TargetLocked(context.eventId(), tenantId, id, version + 1, context.at(), context.actor(), context.reason())
                : new TargetUnlocked(context.eventId(), tenantId, id, version + 1, context.at(), context.actor(), context.reason()));
    }

    public TargetRemoved remove(EventContext context, TenantSettings settings) {
        checkReason(context);
        requireExists();
        if (locked) {
            throw new CommandRefused(TARGET_LOCKED, "The row is locked: unlock it before removing it");
        }
        requireReason(context, settings);
        return new TargetRemoved(context.eventId(), tenantId, id, version + 1, context.at(), context.actor(), context.reason());
    }

    /**
     * A change of a row once unlocked without a reason must say why when the tenant requires it: the
     * unlock left the history without an explanation, every later change gives one.
     */
    private void requireReason(EventContext context, TenantSettings settings) {
        if (settings.reasonRequiredAfterUnlock() && unlockedWithoutReason && !givesReason(context.reason())) {
            throw new InvalidInputException("reason", "is required: this row was unlocked without a reason, and the tenant "
                    + "requires a reason for every change of such rows");
        }
    }

    /**
     * Whether a command or event says why: a reason that is neither absent nor empty. As the load of a row
     * reads it from the events ({@code TargetRowStore.load}).
     */
    private static boolean givesReason(String reason) {
        return reason != null && !reason.isEmpty();
    }

    private static void checkReason(EventContext context) {
        String problem = reasonProblem(context.reason());
        if (problem != null) {
            throw new InvalidInputException("reason", problem);
        }
    }

    /** What is wrong with a command's reason, or null (none is fine). */
    private static String reasonProblem(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            return "must be at most " + MAX_REASON_LENGTH + " characters";
        }
        return Text.problemOfText(reason);
    }

    /** Every field error of a set command, for a row of this level and a type of this unit. */
    public List<FieldError> check(SetValues command, Unit unit) {
        List<FieldError> errors = new ArrayList<>();
        if (command.interval() == null) {
            errors.add(new FieldError("interval", "is required: MONTH or QUARTER"));
        }
        if (command.values() == null) {
            errors.add(new FieldError("values", "is required"));
        } else {
            boolean wrongCount = command.interval() != null && command.values().size() != command.interval().periods();
            if (wrongCount) {
                errors.add(new FieldError("values", "must have " + command.interval().periods() + " entries for "
                        + command.interval() + ", not " + command.values().size()));
            }
            // entries are checked once their count is right (or unknown): a long array gets one error, not one per entry
            for (int i = 0; !wrongCount && i < command.values().size(); i++) {
                String problem = valueProblem(command.values().get(i), unit);
                if (problem != null) {
                    errors.add(new FieldError("values[" + i + "]", problem));
                }
            }
        }
        if (id.level() == Level.USER) {
            if (command.groupId() == null) {
                errors.add(new FieldError("groupId", "is required on user rows: the user's group for this year"));
            } else if (!Fields.ENTITY_ID.matcher(command.groupId()).matches()) {
                errors.add(new FieldError("groupId", "must match " + Fields.ENTITY_ID.pattern()));
            }
            if (command.currency() != null) {
                errors.add(new FieldError("currency", "is only allowed on company and group rows"));
            }
        } else {
            if (command.groupId() != null) {
                errors.add(new FieldError("groupId", "is only allowed on user rows"));
            }
            if (command.currency() != null && !isCurrency(command.currency())) {
                errors.add(new FieldError("currency", "must be an ISO 4217 currency code such as NOK or EUR"));
            }
        }
        String reasonProblem = reasonProblem(command.reason());
        if (reasonProblem != null) {
            errors.add(new FieldError("reason", reasonProblem));
        }
        return errors;
    }

    private static String valueProblem(BigDecimal value, Unit unit) {
        if (value == null) {
            return "is required";
        }
        if (value.signum() < 0) {
            return "must not be negative";
        }
        if (value.compareTo(MAX_VALUE) > 0) {
            return "must be at most " + MAX_VALUE.toPlainString();
        }
        int decimals = Math.max(0, value.stripTrailingZeros().scale());
        if (unit == Unit.COUNT && decimals > 0) {
            return "must be a whole number: the type counts sales";
        }
        if (decimals > MAX_DECIMALS) {
            return "must have at most " + MAX_DECIMALS + " decimals";
        }
        return null;
    }

    private static boolean isCurrency(String code) {
        if (!Fields.CURRENCY.matcher(code).matches()) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean sameAs(SetValues command) {
        if (values.interval() != command.interval() || !Objects.equals(values.groupId(), command.groupId())
                || !Objects.equals(values.currency(), command.currency())) {
            return false;
        }
        for (int i = 0; i < values.values().size(); i++) {
            if (values.values().get(i).compareTo(command.values().get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private void requireExists() {
        if (!exists()) {
            throw new CommandRefused(NOT_FOUND, "No such target row");
        }
    }

    public String tenantId() {
        return tenantId;
    }

    public RowId id() {
        return id;
    }

    /** True once set, until removed. */
    public boolean exists() {
        return values != null;
    }

    /** The version of the row's last event; 0 for a row that never had one. */
    public long version() {
        return version;
    }

    public boolean locked() {
        return locked;
    }

    /** The last values set, while the row exists. */
    public Optional<TargetValues> current() {
        return Optional.ofNullable(values);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
