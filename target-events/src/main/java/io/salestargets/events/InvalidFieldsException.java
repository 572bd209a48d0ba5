package io.salestargets.events;

import java.util.List;
import java.util.stream.Collectors;

/** Several fields at fault at once, each named: what a request answers with one 400. */
public class InvalidFieldsException extends IllegalArgumentException {

    private final List<InvalidFieldException> errors;

    public InvalidFieldsException(List<InvalidFieldException> errors) {
        super(errors.stream().map(InvalidFieldException::getMessage).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<InvalidFieldException> errors() {
        return errors;
    }
}
