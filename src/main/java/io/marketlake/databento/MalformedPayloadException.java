package io.marketlake.databento;

/** A payload that cannot be read at all (not a Databento CSV or JSON response); nothing of it is used. */
public class MalformedPayloadException extends RuntimeException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
