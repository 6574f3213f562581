package io.marketlake.databento;

import java.util.Arrays;

/** A binary record's text, made from a copy of its (v3) bytes only when asked for. */
final class DbnRecordText implements RecordText {

    private final byte[] record;

    DbnRecordText(byte[] record) {
        this.record = record;
    }

    @Override
    public String text() {
        return DbnText.line(record);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DbnRecordText text && Arrays.equals(record, text.record);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(record);
    }

    @Override
    public String toString() {
        return text();
    }
}
