package io.marketlake.trading;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows to write, column by column, boxed: Kernel ships no public batch to fill. Partition columns are dropped
 * by Kernel through {@link #withDeletedColumnAt(int)}, whose default throws.
 */
record SimpleBatch(StructType getSchema, List<ColumnVector> vectors) implements ColumnarBatch {

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return vectors.get(ordinal);
    }

    @Override
    public int getSize() {
        return vectors.isEmpty() ? 0 : vectors.get(0).getSize();
    }

    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
        List<StructField> fields = new ArrayList<>(getSchema.fields());
        fields.remove(ordinal);
        List<ColumnVector> columns = new ArrayList<>(vectors);
        columns.remove(ordinal);
        return new SimpleBatch(new StructType(fields), columns);
    }

    @Override
    public ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector) {
        List<StructField> fields = new ArrayList<>(getSchema.fields());
        fields.add(ordinal, field);
        List<ColumnVector> columns = new ArrayList<>(vectors);
        columns.add(ordinal, vector);
        return new SimpleBatch(new StructType(fields), columns);
    }

    @Override
    public ColumnarBatch withNewSchema(StructType schema) {
        return new SimpleBatch(schema, vectors);
    }

    /** Values of one column: String, Long (whole numbers and instants in micros), Integer (dates), Double. */
    record Vector(DataType getDataType, Object[] values) implements ColumnVector {

        @Override
        public int getSize() {
            return values.length;
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isNullAt(int row) {
            return values[row] == null;
        }

        @Override
        public String getString(int row) {
            return (String) values[row];
        }

        @Override
        public long getLong(int row) {
            return (Long) values[row];
        }

        @Override
        public int getInt(int row) {
            return (Integer) values[row];
        }

        @Override
        public double getDouble(int row) {
            return (Double) values[row];
        }
    }
}
