package io.marketlake;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Names that become paths. marketlake's home reaches Camel's file endpoints (URIs: {@code %41} is read as
 * {@code A}, {@code %2F} as a slash), a JDBC URL ({@code ?} and {@code #} start options) and property placeholders
 * ({@code {{ }}}, {@code ${ }}), so a home holding any of those characters would be written somewhere else than
 * asked; it is refused before anything is written. Names that become one path segment (market codes, data types,
 * run ids) are plain words, so none can climb out of its directory.
 */
public final class SafeNames {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final String NOT_IN_HOME = "%?#{}$";

    private SafeNames() {
    }

    /** The home directory, taken literally, or a configuration error naming {@code key} and the character. */
    public static Path home(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ConfigurationException(key + " " + printable(value)
                        + " contains a control character: choose a directory name without one");
            }
            if (NOT_IN_HOME.indexOf(c) >= 0) {
                throw new ConfigurationException(key + " " + printable(value) + " contains '" + c + "', which URIs,"
                        + " JDBC URLs or placeholders would not take literally: choose a directory name without any"
                        + " of " + NOT_IN_HOME);
            }
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key + " " + printable(value) + " is not a valid path: " + e.getReason());
        }
    }

    /** A name used as one path segment: letters, digits, '.', '_', '-', not starting with '.', at most 128. */
    public static String segment(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new ConfigurationException(what + " " + printable(value) + " is not a plain name: use letters,"
                    + " digits, '.', '_' and '-' (not first), at most 128 characters");
        }
        return value;
    }

    /** The value quoted for a message, control characters shown as escapes so a message stays one line. */
    public static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.length() > 200 ? "...'" : "'").toString();
    }
}
