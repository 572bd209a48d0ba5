package io.salestargets.localstack.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The dev key pair of {@code deploy/local/dev-keys/} (RSA 2048, PKCS#8 and X.509 PEM), packaged into
 * this jar. Dev only: the private key is public.
 */
public final class DevKeys {

    public static final String ISSUER = "sales-targets-dev";
    /** The audience ({@code aud}) of dev tokens, which the services require (both accept the same token). */
    public static final String AUDIENCE = "sales-targets";

    private DevKeys() {
    }

    public static String publicKeyPem() {
        return resource("public.pem");
    }

    public static PublicKey publicKey() {
        return decode(publicKeyPem(), "PUBLIC KEY", bytes -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes)));
    }

    public static PrivateKey privateKey() {
        return decode(resource("private.pem"), "PRIVATE KEY", bytes -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(bytes)));
    }

    private interface KeyDecoder<K> {
        K decode(byte[] der) throws GeneralSecurityException;
    }

    private static <K> K decode(String pem, String label, KeyDecoder<K> decoder) {
        String base64 = pem.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        try {
            return decoder.decode(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev " + label.toLowerCase() + " cannot be read", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DevKeys.class.getResourceAsStream("/io/salestargets/localstack/dev-keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dev key " + name + " is not packaged: rebuild local-stack");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
