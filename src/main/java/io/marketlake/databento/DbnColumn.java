package io.marketlake.databento;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One field of a DBN record as a column of Databento's raw CSV: its name, C type and place in the record. Raw CSV
 * writes integers in decimal (unsigned ones unsigned, so an undefined time is 18446744073709551615), prices as
 * their fixed-point integer, a c_char as its character (none for 0) and a fixed-length string up to its first NUL,
 * quoted only when needed.
 */
record DbnColumn(String name, Type type, int offset, int length) {

    enum Type { U8, I8, U16, I16, U32, I32, U64, I64, CHAR, STRING }

    static DbnColumn of(String name, Type type, int offset) {
        int length = switch (type) {
            case U8, I8, CHAR -> 1;
            case U16, I16 -> 2;
            case U32, I32 -> 4;
            case U64, I64 -> 8;
            case STRING -> throw new IllegalArgumentException("a string column has a length");
        };
        return new DbnColumn(name, type, offset, length);
    }

    static DbnColumn string(String name, int offset, int length) {
        return new DbnColumn(name, Type.STRING, offset, length);
    }

    /** The record header's columns in the order raw CSV writes them after the record's first ones. */
    static final DbnColumn TS_EVENT = of("ts_event", Type.U64, DbnLayout.TS_EVENT);
    static final DbnColumn RTYPE = of("rtype", Type.U8, DbnLayout.RTYPE);
    static final DbnColumn PUBLISHER_ID = of("publisher_id", Type.U16, DbnLayout.PUBLISHER_ID);
    static final DbnColumn INSTRUMENT_ID = of("instrument_id", Type.U32, DbnLayout.INSTRUMENT_ID);

    /** Appends this field of the record at {@code base} of {@code record}, as raw CSV writes it. */
    void append(ByteBuffer record, int base, StringBuilder line) {
        int at = base + offset;
        switch (type) {
            case U8 -> line.append(record.get(at) & 0xFF);
            case I8 -> line.append(record.get(at));
            case U16 -> line.append(record.getShort(at) & 0xFFFF);
            case I16 -> line.append(record.getShort(at));
            case U32 -> line.append(record.getInt(at) & 0xFFFFFFFFL);
            case I32 -> line.append(record.getInt(at));
            case U64 -> line.append(Long.toUnsignedString(record.getLong(at)));
            case I64 -> line.append(record.getLong(at));
            case CHAR -> {
                int c = record.get(at) & 0xFF;
                if (c != 0) {
                    quoted(String.valueOf((char) c), line);
                }
            }
            case STRING -> quoted(text(record, at, length), line);
        }
    }

    /** A fixed-length C string: its bytes up to the first NUL. */
    static String text(ByteBuffer record, int at, int length) {
        int end = 0;
        while (end < length && record.get(at + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        record.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void quoted(String value, StringBuilder line) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            line.append(value);
        } else {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
