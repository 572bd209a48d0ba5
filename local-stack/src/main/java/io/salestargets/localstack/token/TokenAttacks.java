package io.salestargets.localstack.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens that a service must refuse with 401 (contract section 2: "no token or a bad one"),
 * each named after the attack it tries. Every attack starts from the claims of a valid token (a
 * {@link DevToken.Builder}: by default a full-rights admin of tenant {@code demo}) and spoils one
 * thing, so that a service that let it through would act for that caller:
 *
 * <pre>for (TokenAttacks.Attack attack : TokenAttacks.against(DevToken.builder().tenant("acme"))) {
 *     // send attack.token() as the bearer token: 401 expected
 * }</pre>
 *
 * Tokens signed "with the dev key" below are signed correctly with the dev private key: for them only
 * the named fault is at stake.
 */
public final class TokenAttacks {

    /** Well beyond any clock skew a verifier allows (MicroProfile JWT's default: 60 s). */
    public static final Duration BEYOND_SKEW = Duration.ofHours(1);
    /** The size of the claim of {@link #OVERSIZED}: more than any HTTP header limit of the services. */
    public static final int OVERSIZED_CLAIM_BYTES = 64 * 1024;
    /** The size of the claim of {@link #LARGE_FOREIGN}: within the services' header limit (20 KiB). */
    public static final int LARGE_CLAIM_BYTES = 8 * 1024;

    public static final String ALG_NONE = "alg: none";
    public static final String HS256_PUBLIC_KEY_DER = "HS256 keyed with the RSA public key (DER)";
    public static final String HS256_PUBLIC_KEY_PEM = "HS256 keyed with the RSA public key (PEM)";
    public static final String FOREIGN_KEY = "RS256 signed with another RSA key";
    public static final String EMBEDDED_JWK = "RS256 signed with another RSA key, embedded as jwk in the header";
    public static final String WRONG_ISSUER = "wrong issuer";
    public static final String WRONG_AUDIENCE = "wrong audience (a token for another service of the same issuer)";
    public static final String MISSING_AUDIENCE = "no aud";
    public static final String EXPIRED = "expired";
    public static final String NOT_YET_VALID = "not yet valid (nbf and iat in the future)";
    public static final String MISSING_EXP = "no exp";
    public static final String MISSING_TID = "no tid";
    public static final String MISSING_SUB = "no sub";
    public static final String MALFORMED_TID = "tid not an id (contains /)";
    public static final String MALFORMED_SUB = "sub not an id (contains /)";
    public static final String OVERSIZED = "oversized (64 KiB claim)";
    public static final String LARGE_FOREIGN = "large (8 KiB claim), signed with another RSA key";
    public static final String EMPTY = "empty";
    public static final String NOT_THREE_PARTS = "malformed: two parts";
    public static final String FOUR_PARTS = "malformed: four parts";
    public static final String BAD_BASE64 = "malformed: bad base64";
    public static final String HEADER_NOT_JSON = "malformed: header not JSON";
    public static final String CLAIMS_NOT_JSON = "malformed: claims not JSON";
    public static final String ALTERED_SIGNATURE = "valid token, signature altered in its last character";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** One attack: its name (for test reports) and the token. */
    public record Attack(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An {@code Authorization} header to send (null: none), named for test reports. */
    public record Credential(String name, String authorization) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TokenAttacks() {
    }

    /**
     * Every {@code Authorization} header a service must refuse: none, another scheme, a valid token
     * without {@code Bearer}, and {@code Bearer} with each attack against {@code valid}.
     */
    public static List<Credential> credentials(DevToken.Builder valid) {
        List<Credential> credentials = new ArrayList<>();
        credentials.add(new Credential("no Authorization header", null));
        credentials.add(new Credential("another scheme (Basic)", "Basic dS1ib3NzOnNlY3JldA=="));
        credentials.add(new Credential("a valid token without the Bearer scheme", valid.sign()));
        for (Attack attack : against(valid)) {
            credentials.add(new Credential(attack.name(), "Bearer " + attack.token()));
        }
        return credentials;
    }

    /** Every attack, against a full-rights admin of the dev token's default tenant. */
    public static List<Attack> all() {
        return against(DevToken.builder());
    }

    /** Every attack, each spoiling one thing of the token {@code valid} would sign. */
    public static List<Attack> against(DevToken.Builder valid) {
        Instant now = Instant.now();
        List<Attack> attacks = new ArrayList<>();
        attacks.add(new Attack(ALG_NONE, algNone(valid.claims())));
        attacks.add(new Attack(HS256_PUBLIC_KEY_DER, hs256(valid.claims(), DevKeys.publicKey().getEncoded())));
        attacks.add(new Attack(HS256_PUBLIC_KEY_PEM, hs256(valid.claims(), DevKeys.publicKeyPem().getBytes(StandardCharsets.US_ASCII))));
        attacks.add(new Attack(FOREIGN_KEY, DevToken.sign(rs256Header(), valid.claims(), ForeignKey.PAIR.getPrivate())));
        attacks.add(new Attack(EMBEDDED_JWK, embeddedJwk(valid.claims())));
        attacks.add(new Attack(WRONG_ISSUER, devSigned(valid, claims -> with(claims, "iss", "https://attacker.example"))));
        attacks.add(new Attack(WRONG_AUDIENCE, devSigned(valid, claims -> with(claims, "aud", "another-service"))));
        attacks.add(new Attack(MISSING_AUDIENCE, devSigned(valid, claims -> without(claims, "aud"))));
        attacks.add(new Attack(EXPIRED, devSigned(valid, claims -> {
            Instant issued = now.minus(BEYOND_SKEW).minus(Duration.ofHours(12));
            with(claims, "iat", issued.getEpochSecond());
            return with(claims, "exp", now.minus(BEYOND_SKEW).getEpochSecond());
        })));
        attacks.add(new Attack(NOT_YET_VALID, devSigned(valid, claims -> {
            Instant from = now.plus(BEYOND_SKEW);
            with(claims, "iat", from.getEpochSecond());
            with(claims, "nbf", from.getEpochSecond());
            return with(claims, "exp", from.plus(Duration.ofHours(12)).getEpochSecond());
        })));
        attacks.add(new Attack(MISSING_EXP, devSigned(valid, claims -> without(claims, "exp"))));
        attacks.add(new Attack(MISSING_TID, devSigned(valid, claims -> without(claims, "tid"))));
        attacks.add(new Attack(MISSING_SUB, devSigned(valid, claims -> without(claims, "sub"))));
        attacks.add(new Attack(MALFORMED_TID, devSigned(valid, claims -> with(claims, "tid", claims.get("tid") + "/../t-other"))));
        attacks.add(new Attack(MALFORMED_SUB, devSigned(valid, claims -> with(claims, "sub", claims.get("sub") + "/../u-other"))));
        attacks.add(new Attack(OVERSIZED, devSigned(valid, claims -> with(claims, "padding", "x".repeat(OVERSIZED_CLAIM_BYTES)))));
        attacks.add(new Attack(LARGE_FOREIGN, DevToken.sign(rs256Header(),
                with(valid.claims(), "padding", "x".repeat(LARGE_CLAIM_BYTES)), ForeignKey.PAIR.getPrivate())));
        attacks.add(new Attack(EMPTY, ""));
        String token = valid.sign();
        String[] parts = token.split("\\.");
        attacks.add(new Attack(NOT_THREE_PARTS, parts[0] + "." + parts[1]));
        attacks.add(new Attack(FOUR_PARTS, token + "." + parts[2]));
        attacks.add(new Attack(BAD_BASE64, "*" + parts[0].substring(1) + "." + parts[1] + "." + parts[2]));
        attacks.add(new Attack(HEADER_NOT_JSON, rs256(base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"") + "." + parts[1], DevKeys.privateKey())));
        attacks.add(new Attack(CLAIMS_NOT_JSON, rs256(parts[0] + "." + base64url("tid=" + valid.claims().get("tid") + ";sub=u-admin"),
                DevKeys.privateKey())));
        attacks.add(new Attack(ALTERED_SIGNATURE, alterLastCharacter(token)));
        return List.copyOf(attacks);
    }

    /** The attack of this name, against {@code valid}. */
    public static Attack named(String name, DevToken.Builder valid) {
        return against(valid).stream().filter(attack -> attack.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attack named '" + name + "'"));
    }

    /** Unsigned: header {@code {"alg":"none"}}, the claims, and an empty signature. */
    public static String algNone(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "none");
        header.put("typ", "JWT");
        return DevToken.encode(header) + "." + DevToken.encode(claims) + ".";
    }

    /**
     * HS256 with {@code secret} as the HMAC key: with the verifier's public key as secret, the classic
     * key-confusion attack on a verifier that takes the algorithm from the token.
     */
    public static String hs256(Map<String, ?> claims, byte[] secret) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        String signingInput = DevToken.encode(header) + "." + DevToken.encode(claims);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair of the attacker: a fresh RSA 2048 key, not the dev key. */
    public static KeyPair foreignKey() {
        return ForeignKey.PAIR;
    }

    /**
     * Changes the token's last character so that the signature's bytes change: of a 256-byte RSA
     * signature, the last base64url character carries 2 bits and 4 unused ones, so the character is
     * chosen to differ in its high bits (a lenient decoder would ignore a change of the unused ones).
     */
    public static String alterLastCharacter(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        if (last < 0) {
            throw new IllegalArgumentException("the token does not end in base64url");
        }
        return token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 0b100000);
    }

    private static String embeddedJwk(Map<String, ?> claims) {
        RSAPublicKey key = (RSAPublicKey) ForeignKey.PAIR.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        Map<String, Object> header = rs256Header();
        header.put("jwk", jwk);
        return DevToken.sign(header, claims, ForeignKey.PAIR.getPrivate());
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return BASE64URL.encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
    }

    private static String devSigned(DevToken.Builder valid, UnaryOperator<Map<String, Object>> spoil) {
        return DevToken.sign(rs256Header(), spoil.apply(valid.claims()), DevKeys.privateKey());
    }

    private static Map<String, Object> rs256Header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", "dev");
        return header;
    }

    private static Map<String, Object> with(Map<String, ?> claims, String name, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = claims instanceof LinkedHashMap<?, ?> ? (Map<String, Object>) claims : new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

    private static String base64url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rs256(String signingInput, PrivateKey key) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generated once per JVM, on first use. */
    private static final class ForeignKey {
        static final KeyPair PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
