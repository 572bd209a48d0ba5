package io.salestargets.command.service;

import io.salestargets.command.api.TargetTypeView;
import io.salestargets.command.domain.Access;
import io.salestargets.command.domain.EventContext;
import io.salestargets.command.domain.TargetTypes;
import io.salestargets.command.store.ConcurrentAppend;
import io.salestargets.command.store.EventStore;
import io.salestargets.command.store.TargetTypeRecord;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetTypeAdded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Adding target types. */
@ApplicationScoped
public class TargetTypeCommands {

    private final EventStore events;
    private final Writes writes;
    private final EntityManager entityManager;

    public TargetTypeCommands(EventStore events, Writes writes, EntityManager entityManager) {
        this.events = events;
        this.writes = writes;
        this.entityManager = entityManager;
    }

    /** {@code POST /target-types}: 201 with the type and its Location. */
    public WriteAnswer add(Caller caller, TargetTypes.NewType request, Optional<Writes.Idempotency> idempotency) {
        return writes.run(caller, idempotency, Precondition.NONE, stored -> Access.requireTypeAdmin(caller), () -> {
            TargetTypeAdded added = TargetTypes.add(caller, TargetTypeRecord.typesOf(caller.tenantId()), request,
                    EventContext.now(caller.userId(), null));
            events.append(added, 1);
            try {
                TargetTypeRecord.save(added);
                entityManager.flush();
            } catch (PersistenceException e) {
                if (!violatesConstraint(e)) {
                    // no conflict: trying it again 30 times would end in a 412 that hides the failure
                    throw e;
                }
                // another type with the same dimension and unit committed meanwhile: the next attempt says so
                throw new ConcurrentAppend(added.key(), 1);
            }
            return new WriteAnswer(201, EventJson.writeString(TargetTypeView.of(added.targetType())), null,
                    "/api/v1/target-types/" + added.targetType().id());
        });
    }

    /** An integrity constraint refused the write (SQL state class 23): another type took its id or measure. */
    private static boolean violatesConstraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
