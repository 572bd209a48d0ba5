package io.salestargets.command.target.domain;

/** What is wrong with one field of a command: {@code values[3]}, {@code groupId}, ... */
public record FieldError(String field, String message) {
}
