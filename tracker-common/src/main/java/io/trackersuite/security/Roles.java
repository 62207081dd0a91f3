package io.trackersuite.security;

/**
 * The suite's roles, as the provider puts them in tokens and API keys carry them: viewers read, operators (and
 * admins) act on AWS, admins see who is signed in and every visitor's address.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
