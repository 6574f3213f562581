package io.marketlake.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Column types every lake table shares. Timestamps are Parquet TIMESTAMP(MICROS, UTC-adjusted), dates are DATE,
 * so DuckDB and Spark read them as instants and dates with no custom code.
 */
public final class LakeColumns {

    public static final String TRADING_DATE = "trading_date";
    public static final String BATCH_ID = "batch_id";
    public static final String INGESTED_AT = "ingested_at";

    /** Where a table's own columns start in a stored record: after trading_date. */
    static final int FIRST_TABLE_COLUMN = 1;

    private LakeColumns() {
    }

    public static Schema timestamp() {
        return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    public static Schema date() {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    public static Schema optional(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }

    public static Long micros(Instant instant) {
        return instant == null ? null : epochMicros(instant);
    }

    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** A Parquet timestamp column's value (millis or micros, nullable or not) as an instant; null if not one. */
    public static Instant timestampValue(Schema field, Object value) {
        Schema type = field.getType() == Schema.Type.UNION
                ? field.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(field)
                : field;
        if (value == null) {
            return null;
        }
        if (type.getLogicalType() instanceof org.apache.avro.LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (type.getLogicalType() instanceof org.apache.avro.LogicalTypes.TimestampMicros) {
            return instant(((Number) value).longValue());
        }
        return null;
    }

    public static int epochDay(LocalDate date) {
        return (int) date.toEpochDay();
    }

    /** The stored schema: trading_date first, then the table's columns, then the batch columns. */
    static Schema stored(LakeTable<?> table) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field(TRADING_DATE, date()));
        for (LakeColumn<?> column : table.columns()) {
            fields.add(column.field());
        }
        fields.add(new Schema.Field(BATCH_ID, Schema.create(Schema.Type.STRING)));
        fields.add(new Schema.Field(INGESTED_AT, timestamp()));
        Schema own = table.schema();
        return Schema.createRecord(own.getName(), own.getDoc(), own.getNamespace(), false, fields);
    }
}
