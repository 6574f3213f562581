package io.marketlake.ops;

import java.util.regex.Pattern;

/**
 * Last line of defence for secrets in text we write (dead letters, failure reasons): the configured key's value
 * and anything shaped like a Databento key become {@code ***}. The key is kept out of exchanges in the first
 * place (see DatabentoAuth); this only guards against a vendor echoing it back.
 */
public final class Redactor {

    private static final Pattern DATABENTO_KEY = Pattern.compile("db-[A-Za-z0-9]{20,}");
    private static final Pattern BASIC_AUTH = Pattern.compile("(?i)(authorization\\s*[:=]\\s*basic\\s+)[A-Za-z0-9+/=]+");

    private final String keyVariable;

    public Redactor(String keyVariable) {
        this.keyVariable = keyVariable;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        String key = System.getenv(keyVariable);
        if (key != null && key.trim().length() >= 4) {
            result = result.replace(key.trim(), "***");
        }
        result = DATABENTO_KEY.matcher(result).replaceAll("***");
        return BASIC_AUTH.matcher(result).replaceAll("$1***");
    }
}
