package io.marketlake.lake;

import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The records of one lake file: held in memory, or streamed from where they wait (a landed response) as the file is
 * written, so a file of millions of rows never sits in memory. Equality is identity: a route that hashes its body
 * must not walk every row.
 */
public interface LakeRecords {

    Schema schema();

    long size();

    /** Each record in file order; a streamed source reads its input again for every call. */
    void forEach(Consumer<GenericRecord> each);

    static LakeRecords of(List<GenericRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a lake file has at least one record");
        }
        List<GenericRecord> held = List.copyOf(records);
        Schema schema = held.get(0).getSchema();
        return new LakeRecords() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public long size() {
                return held.size();
            }

            @Override
            public void forEach(Consumer<GenericRecord> each) {
                held.forEach(each);
            }

            @Override
            public String toString() {
                return held.size() + " records";
            }
        };
    }
}
