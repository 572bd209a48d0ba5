package io.salestargets.command;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.salestargets.localstack.token.DevToken;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API tests share: a tenant of their own, tokens, request bodies. */
public final class Api {

    public static final String TYPE = "all-sales-amount";

    private Api() {
    }

    /** A tenant no other test uses, so that tests never see each other's rows. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Every right and licence, like the dev token's default. */
    public static DevToken.Builder admin(String tenant) {
        return DevToken.builder().tenant(tenant).user("u-boss");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(DevToken.Builder token) {
        return as(token.sign());
    }

    public static String row(int year, String type, String owner) {
        return "/api/v1/targets/" + year + "/" + type + "/" + owner;
    }

    public static Map<String, Object> monthly(Object value, String groupId) {
        return body("MONTH", Collections.nCopies(12, value), groupId);
    }

    public static Map<String, Object> quarterly(Object value) {
        return body("QUARTER", Collections.nCopies(4, value), null);
    }

    public static Map<String, Object> body(String interval, List<?> values, String groupId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval);
        body.put("values", values);
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        return body;
    }

    public static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    /** The service's Prometheus metrics, as {@code /q/metrics} prints them. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** One sample's value, by its name and tags as Prometheus prints them; 0 when absent. */
    public static double metric(String sample) {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }
}
