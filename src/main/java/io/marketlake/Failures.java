package io.marketlake;

/** Finds what a user should be told in an exception that Camel wrapped on its way up. */
public final class Failures {

    private Failures() {
    }

    public static RuntimeException unwrap(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException configuration) {
                return configuration;
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }
}
