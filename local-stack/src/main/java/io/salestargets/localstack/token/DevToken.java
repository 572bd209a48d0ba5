package io.salestargets.localstack.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A bearer token of the contract (section 2), signed RS256 with the dev key. The defaults make a
 * full-rights admin of tenant {@code demo}: every licence, {@code delete} on every relation, both
 * functional rights.
 *
 * <pre>String jwt = DevToken.builder().tenant("acme").user("u-anna").groups("g-north")
 *         .rights(Map.of("own", "update", "group", "read")).sign();</pre>
 */
public final class DevToken {

    public static final String DEFAULT_TENANT = "demo";
    public static final String DEFAULT_USER = "u-admin";
    public static final List<String> ALL_LICENSES = List.of("sales-premium", "sales-targets-unlimited");
    public static final List<String> ALL_FUNCTIONAL_RIGHTS = List.of("lock-targets", "targets-admin");
    public static final List<String> RELATIONS = List.of("own", "group", "others", "company");
    public static final List<String> RIGHT_LEVELS = List.of("none", "read", "create", "update", "delete");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevToken() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Signs any header and claims with the dev key: also for tokens that are wrong on purpose. */
    public static String sign(Map<String, ?> header, Map<String, ?> claims, PrivateKey key) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, ?> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private String issuer = DevKeys.ISSUER;
        private String audience = DevKeys.AUDIENCE;
        private String tenant = DEFAULT_TENANT;
        private String user = DEFAULT_USER;
        private List<String> groups = List.of();
        private Map<String, String> rights = new LinkedHashMap<>();
        private List<String> licenses = ALL_LICENSES;
        private List<String> functionalRights = ALL_FUNCTIONAL_RIGHTS;
        private Instant issuedAt;
        private Duration lifetime = Duration.ofHours(12);
        private boolean issuedAtClaim = true;

        private Builder() {
            RELATIONS.forEach(relation -> rights.put(relation, "delete"));
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The caller's user groups, primary first. */
        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Builder groups(List<String> groups) {
            this.groups = List.copyOf(groups);
            return this;
        }

        /** Data rights per relation; a relation left out is {@code none}. Replaces the defaults. */
        public Builder rights(Map<String, String> rights) {
            rights.forEach((relation, level) -> {
                if (!RELATIONS.contains(relation)) {
                    throw new IllegalArgumentException("unknown relation '" + relation + "', expected one of " + RELATIONS);
                }
                if (!RIGHT_LEVELS.contains(level)) {
                    throw new IllegalArgumentException("unknown right '" + level + "', expected one of " + RIGHT_LEVELS);
                }
            });
            this.rights = new LinkedHashMap<>(rights);
            return this;
        }

        public Builder licenses(String... licenses) {
            this.licenses = List.of(licenses);
            return this;
        }

        public Builder licenses(List<String> licenses) {
            this.licenses = List.copyOf(licenses);
            return this;
        }

        public Builder functionalRights(String... functionalRights) {
            this.functionalRights = List.of(functionalRights);
            return this;
        }

        public Builder functionalRights(List<String> functionalRights) {
            this.functionalRights = List.copyOf(functionalRights);
            return this;
        }

        /** Valid from this instant (default: now). */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /** Without {@code iat}, as the contract's example token (section 2): {@code iat} is optional (RFC 7519). */
        public Builder withoutIssuedAt() {
            this.issuedAtClaim = false;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Map<String, Object> claims() {
            Instant iat = issuedAt == null ? Instant.now() : issuedAt;
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("aud", audience);
            claims.put("sub", user);
            claims.put("tid", tenant);
            if (issuedAtClaim) {
                claims.put("iat", iat.getEpochSecond());
            }
            claims.put("exp", iat.plus(lifetime).getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("user_groups", new ArrayList<>(groups));
            claims.put("licenses", new ArrayList<>(licenses));
            claims.put("target_rights", new LinkedHashMap<>(rights));
            claims.put("functional_rights", new ArrayList<>(functionalRights));
            return claims;
        }

        public String sign() {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            header.put("kid", "dev");
            return DevToken.sign(header, claims(), DevKeys.privateKey());
        }
    }
}
