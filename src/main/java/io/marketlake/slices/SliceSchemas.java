package io.marketlake.slices;

import io.marketlake.lake.LakeColumns;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Columns of the slice files and of the coverage file; timestamps are UTC TIMESTAMP(MICROS). */
final class SliceSchemas {

    static final Schema CANDLE = SchemaBuilder.record("Candle").namespace("io.marketlake.slices").fields()
            .name("symbol").type().stringType().noDefault()
            .name("ts").type(LakeColumns.timestamp()).noDefault()
            .name("open").type().doubleType().noDefault()
            .name("high").type().doubleType().noDefault()
            .name("low").type().doubleType().noDefault()
            .name("close").type().doubleType().noDefault()
            .name("volume").type().longType().noDefault()
            .endRecord();

    static final Schema COVERAGE = coverage(false);
    static final Schema COVERAGE_STRICT = coverage(true);

    private SliceSchemas() {
    }

    private static Schema coverage(boolean strict) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Coverage").namespace("io.marketlake.slices")
                .fields()
                .name("alert_id").type().stringType().noDefault()
                .name("symbol").type().stringType().noDefault()
                .name("anchor_ts").type(LakeColumns.timestamp()).noDefault()
                .name("available_pre").type().intType().noDefault()
                .name("available_post").type().intType().noDefault()
                .name("available_total").type().intType().noDefault()
                .name("first_ts").type(LakeColumns.optional(LakeColumns.timestamp())).withDefault(null)
                .name("last_ts").type(LakeColumns.optional(LakeColumns.timestamp())).withDefault(null)
                .name("status").doc("complete | partial | insufficient").type().stringType().noDefault();
        if (strict) {
            fields = fields.name("kept").type().booleanType().noDefault();
        }
        return fields.endRecord();
    }
}
