package io.marketlake.databento;

/** What kind of instrument a CME symbol names. Only outrights have a meaningful positive price. */
public enum ContractType {
    OUTRIGHT, SPREAD, STRATEGY, OPTION, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
