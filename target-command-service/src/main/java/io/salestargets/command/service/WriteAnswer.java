package io.salestargets.command.service;

/**
 * What a write answers: status, JSON body (null for none), the row's version for the ETag (null
 * for none) and the Location of a created resource (null for none). Stored with an
 * Idempotency-Key, so that a repeat gets the same answer.
 */
public record WriteAnswer(int status, String body, Long version, String location) {
}
