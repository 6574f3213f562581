package io.marketlake.databento;

/** What kind of instrument a CME symbol names. Only outrights have a meaningful positive price. */
public enum ContractType {
    OUTRIGHT, SPREAD, STRATEGY, OPTION, UNKNOWN;

    // made once: the lake asks for it for every bar it writes
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }
}
