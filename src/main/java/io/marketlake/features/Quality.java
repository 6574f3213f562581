package io.marketlake.features;

import java.util.Locale;

/** How far a feature value can be trusted, as stored beside it. */
public enum Quality {
    NORMAL, DEGRADED, STALE, MISSING;

    // made once: every value stored asks for it
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    public static Quality of(String label) {
        // the stored labels, without a case conversion for each value read
        switch (label) {
            case "normal":
                return NORMAL;
            case "degraded":
                return DEGRADED;
            case "stale":
                return STALE;
            case "missing":
                return MISSING;
            default:
                return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
