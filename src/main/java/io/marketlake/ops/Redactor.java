package io.marketlake.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Last line of defence for secrets in text we write (log lines, dead letters, failure reasons): the configured
 * key and every way a vendor may echo it back become {@code ***}, as do anything shaped like a Databento key and
 * the token of any Authorization header or Basic/Bearer credential. The key is kept out of exchanges in the
 * first place (see DatabentoAuth); this only guards against an error body that repeats the request's
 * credentials.
 *
 * <p>It runs on every log line, so the forms of a key are computed once per key value. The variable is looked
 * up on every call (a map lookup), so a key that appears after start-up is still masked.
 */
public final class Redactor {

    public static final String DEFAULT_KEY_VARIABLE = "DATABENTO_API_KEY";

    private static final String MASK = "***";
    // Shorter keys would mask ordinary words; no real key is that short.
    private static final int MIN_KEY_LENGTH = 4;
    private static final HexFormat HEX = HexFormat.of();

    // A token's characters, also JSON-escaped (a slash or a unicode escape), not the escaped quote closing it.
    private static final String TOKEN_CHARACTER = "(?:[\\w.~+/=%-]|\\\\+[/u])";
    /**
     * Credentials that are not the configured key, in one pass. A Databento key, also percent- or JSON-escaped,
     * and its base64 ("db-" is three bytes, so that always starts "ZGIt"). The value of an Authorization header in
     * any notation (HTTP, JSON, properties), keeping name and scheme. A token after Basic or Bearer anywhere else,
     * when it looks like one (a digit, + / = or an escape, or 20 characters), so that prose such as "basic
     * validation" stays readable. The lookahead lets most positions fail on one character.
     */
    private static final Pattern CREDENTIAL = Pattern.compile("(?=[dZaAbB])(?:"
            + "db(?:-|%(?:25)*2[dD]|\\\\+u002[dD])[A-Za-z0-9]{20,}"
            + "|ZGIt[A-Za-z0-9+/_-]{26,}(?:=|%(?:25)*3[dD]|\\\\+u003[dD])*"
            + "|(?<header>(?i:authorization)\\\\*[\"']?\\s*[:=]\\s*\\\\*[\"']?(?:(?i:basic|bearer|token)\\s+)?)"
            + "(?:[^\\s\"',;}\\]\\\\]|\\\\+[/u])+"
            + "|\\b(?<scheme>(?i:basic|bearer)(?:\\s+|%20|\\+))(?=[\\w.~+/-]*[0-9+/=%\\\\]|[\\w.~+/-]{20})"
            + "[\\w.~+/-]{8,}" + TOKEN_CHARACTER + "*)");

    private static volatile Redactor global = new Redactor(DEFAULT_KEY_VARIABLE);

    private final String keyVariable;
    private volatile KeyForms forms = KeyForms.NONE;

    public Redactor(String keyVariable) {
        this.keyVariable = Objects.requireNonNull(keyVariable, "keyVariable");
    }

    /**
     * The process-wide redactor, for code that has no bean at hand (log encoders, CLI output). Until
     * {@link #install} is called it reads {@value #DEFAULT_KEY_VARIABLE}.
     */
    public static Redactor global() {
        return global;
    }

    /** Makes the redactor of the configured variable the process-wide one and returns it. */
    public static Redactor install(String keyVariable) {
        Redactor redactor = new Redactor(keyVariable);
        global = redactor;
        return redactor;
    }

    /**
     * Masks first, then shortens to {@code max} characters: shortening first could cut a key in two, and the
     * half left would no longer be recognised.
     */
    public static String shortened(String text, int max, String ellipsis) {
        if (text == null) {
            return null;
        }
        String masked = global().redact(text);
        return masked.length() <= max ? masked : masked.substring(0, max) + ellipsis;
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // the key first: a credential match must not end inside it and leave its rest readable
        String result = formsOf(System.getenv(keyVariable)).mask(text);
        Matcher credential = CREDENTIAL.matcher(result);
        if (!credential.find()) {
            return result;
        }
        StringBuilder masked = new StringBuilder(result.length());
        int end = 0;
        do {
            String kept = credential.group("header") != null ? credential.group("header") : credential.group("scheme");
            masked.append(result, end, credential.start()).append(kept == null ? "" : kept).append(MASK);
            end = credential.end();
        } while (credential.find());
        return masked.append(result, end, result.length()).toString();
    }

    private KeyForms formsOf(String value) {
        KeyForms current = forms;
        if (!Objects.equals(current.value(), value)) {
            current = KeyForms.of(value);
            forms = current;
        }
        return current;
    }

    /**
     * Every form of one key value. A form is one of {@code literals} or contains an escape ('%' or '\'), so a
     * text with neither is passed without running {@code pattern}; null when there is no key.
     */
    private record KeyForms(String value, List<String> literals, Pattern pattern) {

        static final KeyForms NONE = new KeyForms(null, List.of(), null);

        // The rest of an encoded blob after the key, and its padding: masked too, they are part of the secret.
        private static final String BASE64_REST = "(?:[A-Za-z0-9+/_-]|%(?:25)*2[bBfF]|\\\\+/|\\\\+u002[bBfF])*"
                + "(?:=|%(?:25)*3[dD]|\\\\+u003[dD])*";

        static KeyForms of(String value) {
            String key = value == null ? "" : value.trim();
            if (key.length() < MIN_KEY_LENGTH) {
                return new KeyForms(value, List.of(), null);
            }
            List<String> literals = new ArrayList<>();
            List<String> alternatives = new ArrayList<>();
            literals.add(key);
            alternatives.add(escapable(key));
            // DatabentoAuth sends base64("<key>:"). The characters that depend on the key's bytes alone are the
            // same whatever follows the key (":", nothing, JSON) and are one of three strings whatever precedes it
            // in a longer encoded blob, so these cover the token padded or not, and the key inside any blob.
            for (String core : base64Cores(key.getBytes(StandardCharsets.UTF_8))) {
                literals.add(core);
                alternatives.add(escapable(core) + BASE64_REST);
            }
            alternatives.sort(Comparator.comparingInt(String::length).reversed());
            return new KeyForms(value, List.copyOf(literals),
                    Pattern.compile(alternatives.stream().collect(Collectors.joining("|"))));
        }

        String mask(String text) {
            if (pattern == null || !mayContain(text)) {
                return text;
            }
            return pattern.matcher(text).replaceAll(MASK);
        }

        private boolean mayContain(String text) {
            if (text.indexOf('%') >= 0 || text.indexOf('\\') >= 0) {
                return true;
            }
            for (String literal : literals) {
                if (text.contains(literal)) {
                    return true;
                }
            }
            return false;
        }

        private static Set<String> base64Cores(byte[] key) {
            Set<String> cores = new LinkedHashSet<>();
            for (int offset = 0; offset < 3; offset++) {
                byte[] shifted = new byte[offset + key.length];
                System.arraycopy(key, 0, shifted, offset, key.length);
                String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
                // a character is 6 bits: keep those whose bits all fall inside the key's bytes
                String core = encoded.substring((8 * offset + 5) / 6, 8 * (offset + key.length) / 6);
                cores.add(core);
                cores.add(core.replace('+', '-').replace('/', '_'));
            }
            return cores;
        }

        /** A regex for the literal text, each character also percent-encoded (once or twice) or JSON-escaped. */
        private static String escapable(String literal) {
            StringBuilder regex = new StringBuilder();
            literal.codePoints().forEach(codePoint -> {
                String character = new String(Character.toChars(codePoint));
                regex.append("(?:").append(Pattern.quote(character));
                if (codePoint == '/') {
                    regex.append("|\\\\+/");
                }
                regex.append('|');
                for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
                    regex.append("%(?:25)*(?i:").append(HEX.toHexDigits(b)).append(')');
                }
                for (char unit : character.toCharArray()) {
                    regex.append("|\\\\+u(?i:").append(HEX.toHexDigits(unit)).append(')');
                }
                regex.append(')');
            });
            return regex.toString();
        }
    }
}
