package io.marketlake.lake;

import io.marketlake.lake.ColumnarParquetWriter.DoubleValue;
import io.marketlake.lake.ColumnarParquetWriter.LongValue;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.avro.Schema;

/**
 * One column of a lake table, named once: its type, whether it may be empty, its doc and how a row gives its
 * stored value, so that the schema a table declares and the values it writes cannot disagree.
 *
 * @param <T> the row the table stores
 */
public final class LakeColumn<T> {

    /** How a value is stored: the Avro type of the schema and the Parquet primitive it is written as. */
    enum Kind {
        LONG, INT, DOUBLE, STRING, TIMESTAMP
    }

    private final String name;
    private final Kind kind;
    private final boolean optional;
    private final String doc;
    /** A row's value (an instant for a timestamp); a {@link LongValue} or {@link DoubleValue} where never empty. */
    private final Function<T, Object> value;

    private LakeColumn(String name, Kind kind, boolean optional, String doc, Function<T, Object> value) {
        this.name = name;
        this.kind = kind;
        this.optional = optional;
        this.doc = doc;
        this.value = value;
    }

    /** A long that may be missing (null). */
    public static <T> LakeColumn<T> ofLong(String name, Function<T, Long> value) {
        return new LakeColumn<>(name, Kind.LONG, false, null, value::apply);
    }

    /** A long always there, read with no boxing. */
    public static <T> LakeColumn<T> ofLong(String name, ToLongFunction<T> value) {
        return new LakeColumn<>(name, Kind.LONG, false, null, (LongValue<T>) value::applyAsLong);
    }

    public static <T> LakeColumn<T> ofInt(String name, ToIntFunction<T> value) {
        return new LakeColumn<>(name, Kind.INT, false, null, (LongValue<T>) value::applyAsInt);
    }

    /** A double that may be missing (null). */
    public static <T> LakeColumn<T> ofDouble(String name, Function<T, Double> value) {
        return new LakeColumn<>(name, Kind.DOUBLE, false, null, value::apply);
    }

    /** A double always there, read with no boxing. */
    public static <T> LakeColumn<T> ofDouble(String name, ToDoubleFunction<T> value) {
        return new LakeColumn<>(name, Kind.DOUBLE, false, null, (DoubleValue<T>) value::applyAsDouble);
    }

    public static <T> LakeColumn<T> ofString(String name, Function<T, String> value) {
        return new LakeColumn<>(name, Kind.STRING, false, null, value::apply);
    }

    /** An instant, stored as {@link LakeColumns#timestamp() microseconds}; a null instant stays null. */
    public static <T> LakeColumn<T> ofTimestamp(String name, Function<T, Instant> value) {
        return new LakeColumn<>(name, Kind.TIMESTAMP, false, null, value::apply);
    }

    /** The same column, which may be empty: a union with null first, defaulting to null. */
    public LakeColumn<T> optional() {
        // (a LongValue or DoubleValue is never empty: written as an optional column, every row has its value)
        return new LakeColumn<>(name, kind, true, doc, value);
    }

    /** The same column, described by {@code text} in the schema. */
    public LakeColumn<T> doc(String text) {
        return new LakeColumn<>(name, kind, optional, text, value);
    }

    String name() {
        return name;
    }

    /** A new field each call: an Avro field belongs to the one record schema it is added to. */
    Schema.Field field() {
        Schema type = switch (kind) {
            case LONG -> Schema.create(Schema.Type.LONG);
            case INT -> Schema.create(Schema.Type.INT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case STRING -> Schema.create(Schema.Type.STRING);
            case TIMESTAMP -> LakeColumns.timestamp();
        };
        return optional
                ? new Schema.Field(name, LakeColumns.optional(type), doc, Schema.Field.NULL_DEFAULT_VALUE)
                : new Schema.Field(name, type, doc);
    }

    Kind kind() {
        return kind;
    }

    /**
     * The value stored for a row (a Long, Integer, Double or String, or null when empty), as the column writer reads
     * it: with no boxing where it is never empty.
     */
    Function<T, Object> storedValue() {
        if (kind != Kind.TIMESTAMP) {
            return value;
        }
        Function<T, Object> instants = value;
        if (optional) {
            return row -> LakeColumns.micros((Instant) instants.apply(row));
        }
        return (LongValue<T>) row -> {
            Instant instant = (Instant) instants.apply(row);
            if (instant == null) {
                throw new IllegalArgumentException("column " + name + " may not be empty");
            }
            return LakeColumns.epochMicros(instant);
        };
    }
}
