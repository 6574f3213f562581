package io.marketlake.lake;

import java.time.Instant;
import java.util.function.Function;
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
    private final Function<T, ?> value;

    private LakeColumn(String name, Kind kind, boolean optional, String doc, Function<T, ?> value) {
        this.name = name;
        this.kind = kind;
        this.optional = optional;
        this.doc = doc;
        this.value = value;
    }

    public static <T> LakeColumn<T> ofLong(String name, Function<T, Long> value) {
        return new LakeColumn<>(name, Kind.LONG, false, null, value);
    }

    public static <T> LakeColumn<T> ofInt(String name, Function<T, Integer> value) {
        return new LakeColumn<>(name, Kind.INT, false, null, value);
    }

    public static <T> LakeColumn<T> ofDouble(String name, Function<T, Double> value) {
        return new LakeColumn<>(name, Kind.DOUBLE, false, null, value);
    }

    public static <T> LakeColumn<T> ofString(String name, Function<T, String> value) {
        return new LakeColumn<>(name, Kind.STRING, false, null, value);
    }

    /** An instant, stored as {@link LakeColumns#timestamp() microseconds}; a null instant stays null. */
    public static <T> LakeColumn<T> ofTimestamp(String name, Function<T, Instant> value) {
        return new LakeColumn<>(name, Kind.TIMESTAMP, false, null, value.andThen(LakeColumns::micros));
    }

    /** The same column, which may be empty: a union with null first, defaulting to null. */
    public LakeColumn<T> optional() {
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

    /** The value stored for {@code row}: a Long, Integer, Double or String, or null when empty. */
    Object stored(T row) {
        return value.apply(row);
    }
}
