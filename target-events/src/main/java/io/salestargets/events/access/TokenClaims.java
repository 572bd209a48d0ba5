package io.salestargets.events.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Fields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the caller from a bearer token's claims (contract section 2): {@code tid}, {@code sub},
 * {@code user_groups}, {@code licenses}, {@code target_rights}, {@code functional_rights}. It does
 * not verify the token: the service's JWT layer has done that before.
 */
public final class TokenClaims {

    /** A verified token that does not say who the caller is, or says it in a malformed way. */
    public static class UnusableTokenException extends RuntimeException {
        public UnusableTokenException(String message) {
            super(message, null, false, false);
        }
    }

    private TokenClaims() {
    }

    /**
     * The caller of a verified token's claims (a JSON object). Read from the claims the JWT layer verified,
     * never by decoding the raw token again.
     */
    public static Caller caller(JsonNode claims) {
        if (claims == null || !claims.isObject()) {
            throw new UnusableTokenException("the token's claims are not an object");
        }
        Map<Relation, Right> rights = new EnumMap<>(Relation.class);
        JsonNode claimed = claims.get("target_rights");
        if (claimed != null && !claimed.isNull()) {
            if (!claimed.isObject()) {
                throw new UnusableTokenException("target_rights must be an object");
            }
            for (Relation relation : Relation.values()) {
                JsonNode level = claimed.get(relation.claim());
                if (level == null || level.isNull()) {
                    continue;
                }
                if (!level.isTextual()) {
                    throw new UnusableTokenException("target_rights." + relation.claim() + " must be a string");
                }
                try {
                    rights.put(relation, Right.fromClaim(level.asText()));
                } catch (IllegalArgumentException e) {
                    throw new UnusableTokenException("target_rights." + relation.claim() + ": " + e.getMessage());
                }
            }
        }
        return new Caller(id(claims, "tid"), id(claims, "sub"), strings(claims, "user_groups"),
                new HashSet<>(strings(claims, "licenses")), rights, Set.copyOf(strings(claims, "functional_rights")));
    }

    private static String id(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || !value.isTextual() || !Fields.ENTITY_ID.matcher(value.asText()).matches()) {
            throw new UnusableTokenException("the token's " + name + " claim is missing or malformed");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        List<String> strings = new ArrayList<>();
        if (value == null || value.isNull()) {
            return strings;
        }
        if (!value.isArray()) {
            throw new UnusableTokenException(name + " must be a list of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new UnusableTokenException(name + " must be a list of strings");
            }
            strings.add(item.asText());
        }
        return strings;
    }
}
