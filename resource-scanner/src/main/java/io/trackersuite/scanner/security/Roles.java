package io.trackersuite.scanner.security;

/** The suite's roles as the scanner uses them: viewers read, operators (and admins) act. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
