package io.salestargets.localstack.testing.properties;

import java.nio.charset.StandardCharsets;

/** A request body as sent, byte for byte, and what kind of body the property made. */
public record Body(String kind, byte[] bytes) {

    public static Body json(String kind, Object document) {
        return text(kind, Json.write(document));
    }

    public static Body text(String kind, String text) {
        return new Body(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return kind + " (" + bytes.length + " bytes): " + RawHttp.printable(text(), 400);
    }
}
