package io.marketlake.cot;

/** A CFTC file that cannot be used at all (missing column, unsafe or broken zip); nothing of it is written. */
public class CotFormatException extends RuntimeException {

    public CotFormatException(String message) {
        super(message);
    }

    public CotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
