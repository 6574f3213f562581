package io.marketlake.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Records read from the lake with their schema; null schema when nothing matched. */
public record LakeRows(Schema schema, List<GenericRecord> rows) {

    public List<String> columns() {
        return schema == null ? List.of() : schema.getFields().stream().map(Schema.Field::name).toList();
    }

    /** A value as a reader would print it: instants and dates in ISO-8601 UTC, null as empty. */
    public static String display(Schema.Field field, Object value) {
        if (value == null) {
            return "";
        }
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.UNION) {
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return LakeColumns.instant(((Number) value).longValue()).toString();
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(((Number) value).longValue()).toString();
        }
        if (logical instanceof LogicalTypes.Date) {
            return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
        }
        return value.toString();
    }
}
