package io.marketlake.ops;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;

/** A failure in one line (a letter's reason, an ERROR line, an outcome), told by what went wrong under Camel's wrappers. */
final class FailureReason {

    private FailureReason() {
    }

    static String of(Exception exception) {
        if (exception == null) {
            return "unknown failure";
        }
        Throwable failure = cause(exception);
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " " + (http.getStatusText() == null ? "" : http.getStatusText())
                    + " from " + http.getUri() + (http.getResponseBody() == null ? "" : ": " + abbreviate(http.getResponseBody()));
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What went wrong under Camel's wrappers ("Multicast processing failed for number 1 ..."). */
    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CamelExchangeException
                || cause instanceof RuntimeCamelException
                || cause instanceof InvocationTargetException
                || cause instanceof ExecutionException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String abbreviate(String text) {
        return Redactor.shortened(text.replaceAll("\\s+", " ").trim(), 300, "...");
    }
}
