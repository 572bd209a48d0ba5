package io.salestargets.command.target.rest;

import io.salestargets.command.target.domain.Access;
import io.salestargets.command.target.domain.Caller;
import io.salestargets.command.target.domain.Relation;
import io.salestargets.command.target.domain.Right;
import io.salestargets.events.Fields;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, from its verified bearer token (contract section 2). A token without
 * a usable {@code tid} or {@code sub}, or with malformed rights, is not a caller: 401. A caller
 * without Sales Premium is refused: 403 license-required.
 */
@RequestScoped
public class Callers {

    /** A token that verified but does not say who the caller is. */
    public static class UnusableToken extends RuntimeException {
        UnusableToken(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonWebToken jwt;
    private Caller caller;

    public Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller current() {
        if (caller == null) {
            Caller read = read();
            Access.requirePremium(read);
            caller = read;
        }
        return caller;
    }

    private Caller read() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnusableToken("no bearer token");
        }
        String tenant = id(jwt.getClaim("tid"), "tid");
        String user = id(jwt.getSubject(), "sub");
        Map<Relation, Right> rights = new EnumMap<>(Relation.class);
        Object claimed = jwt.getClaim("target_rights");
        if (claimed != null) {
            if (!(claimed instanceof JsonObject object)) {
                throw new UnusableToken("target_rights must be an object");
            }
            for (Relation relation : Relation.values()) {
                JsonValue level = object.get(relation.claim());
                if (level == null || level.getValueType() == JsonValue.ValueType.NULL) {
                    continue;
                }
                if (!(level instanceof JsonString text)) {
                    throw new UnusableToken("target_rights." + relation.claim() + " must be a string");
                }
                try {
                    rights.put(relation, Right.fromClaim(text.getString()));
                } catch (IllegalArgumentException e) {
                    throw new UnusableToken("target_rights." + relation.claim() + ": " + e.getMessage());
                }
            }
        }
        return new Caller(tenant, user, strings("user_groups"), new HashSet<>(strings("licenses")), rights,
                Set.copyOf(strings("functional_rights")));
    }

    private static String id(Object claim, String name) {
        String value = claim instanceof JsonString text ? text.getString() : claim instanceof String text ? text : null;
        if (value == null || !Fields.ENTITY_ID.matcher(value).matches()) {
            throw new UnusableToken("the token's " + name + " claim is missing or malformed");
        }
        return value;
    }

    private List<String> strings(String claim) {
        Object value = jwt.getClaim(claim);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString text)) {
                    throw new UnusableToken(claim + " must be a list of strings");
                }
                strings.add(text.getString());
            }
            return strings;
        }
        if (value instanceof Set<?> set) {
            set.forEach(item -> strings.add(String.valueOf(item)));
            return strings;
        }
        throw new UnusableToken(claim + " must be a list of strings");
    }
}
