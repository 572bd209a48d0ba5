package io.salestargets.service;

/** What is wrong with one field of a request: {@code values[3]}, {@code groupId}, {@code year}, ... */
public record FieldError(String field, String message) {
}
