package io.marketlake.features;

/** The feature database could not be read or written. */
public class FeatureStoreException extends RuntimeException {

    public FeatureStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
