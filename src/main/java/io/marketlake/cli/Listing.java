package io.marketlake.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows shown as a JSON array (--json) or an aligned table, from one list of columns, so the two forms of a
 * command cannot drift apart. In JSON a missing value is null, a number stays a number, anything else is its text.
 */
final class Listing<T> {

    /** A column: its JSON name and value; its table header (none: JSON only) and cell text. */
    private record Column<T>(String json, Function<T, Object> value, String header, Function<T, String> text) {
    }

    private final List<Column<T>> columns = new ArrayList<>();

    /** Named alike in both forms; the cell is the value's text, "null" when there is none. */
    Listing<T> column(String name, Function<T, Object> value) {
        return column(name, value, name, row -> String.valueOf(value.apply(row)));
    }

    Listing<T> column(String json, Function<T, Object> value, String header, Function<T, String> text) {
        columns.add(new Column<>(json, value, header, text));
        return this;
    }

    /** In JSON only: too long or too internal for a terminal's width. */
    Listing<T> jsonOnly(String json, Function<T, Object> value) {
        return column(json, value, null, null);
    }

    void print(PrintWriter out, List<T> rows, boolean json) {
        if (json) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            rows.forEach(row -> object(array.addObject(), row));
            out.println(array.toPrettyString());
        } else {
            List<Column<T>> shown = columns.stream().filter(c -> c.header() != null).toList();
            TextTable table = new TextTable(shown.stream().map(Column::header).toList());
            rows.forEach(row -> table.row(shown.stream().map(c -> c.text().apply(row)).toList()));
            table.print(out);
        }
        out.flush();
    }

    private void object(ObjectNode node, T row) {
        for (Column<T> column : columns) {
            Object value = column.value().apply(row);
            if (value == null) {
                node.putNull(column.json());
            } else if (value instanceof Number number) {
                node.putPOJO(column.json(), number);
            } else {
                node.put(column.json(), value.toString());
            }
        }
    }
}
