package io.salestargets.command.service;

import io.salestargets.command.api.TargetTypeView;
import io.salestargets.command.domain.Access;
import io.salestargets.command.domain.EventContext;
import io.salestargets.command.domain.TargetTypes;
import io.salestargets.command.store.EventStore;
import io.salestargets.command.store.TargetTypeStore;
import io.salestargets.events.access.Caller;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.targets.TargetTypeAdded;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Adding target types. */
@ApplicationScoped
public class TargetTypeCommands {

    private final EventStore events;
    private final TargetTypeStore types;
    private final Writes writes;

    public TargetTypeCommands(EventStore events, TargetTypeStore types, Writes writes) {
        this.events = events;
        this.types = types;
        this.writes = writes;
    }

    /**
     * {@code POST /target-types}: 201 with the type and its Location. Another type with the same id or measure
     * committed meanwhile: the next try says so ({@link TargetTypeStore#add}).
     */
    public WriteAnswer add(Caller caller, TargetTypes.NewType request, Optional<Writes.Idempotency> idempotency) {
        return writes.run(caller, idempotency, Precondition.NONE, stored -> Access.requireTypeAdmin(caller), () -> {
            TargetTypeAdded added = TargetTypes.add(caller, types.typesOf(caller.tenantId()), request,
                    EventContext.now(caller.userId(), null));
            events.append(added, 1);
            types.add(added);
            return new WriteAnswer(201, EventJson.writeString(TargetTypeView.of(added.targetType())), null,
                    "/api/v1/target-types/" + added.targetType().id());
        });
    }
}
