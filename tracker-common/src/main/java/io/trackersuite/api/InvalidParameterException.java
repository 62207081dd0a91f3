package io.trackersuite.api;

/** A request parameter or field is malformed or out of range: answered 400 with a problem body naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
