package io.marketlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One list of columns printed as JSON and as a table. */
class ListingTest {

    private record Trade(String symbol, Long quantity, Double price, String note) {
    }

    private static final Listing<Trade> TRADES = new Listing<Trade>()
            .column("symbol", Trade::symbol)
            .column("quantity", Trade::quantity)
            .column("price", Trade::price, "px", t -> t.price() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.price()))
            .jsonOnly("note", Trade::note);

    private static final List<Trade> ROWS = List.of(new Trade("HEJ6", 2L, 85.125, "first fill"),
            new Trade("HEM6", null, null, null));

    @Test
    void json_keeps_numbers_as_numbers_and_a_missing_value_as_null() {
        assertThat(print(true)).isEqualTo("""
                [ {
                  "symbol" : "HEJ6",
                  "quantity" : 2,
                  "price" : 85.125,
                  "note" : "first fill"
                }, {
                  "symbol" : "HEM6",
                  "quantity" : null,
                  "price" : null,
                  "note" : null
                } ]
                """);
    }

    @Test
    void the_table_has_its_own_headers_and_cells_and_leaves_out_the_json_only_columns() {
        assertThat(print(false)).isEqualTo("""
                symbol  quantity  px
                HEJ6    2         85.1
                HEM6    null      -
                """);
    }

    @Test
    void an_empty_list_is_an_empty_json_array_or_a_header_alone() {
        assertThat(print(List.of(), true)).isEqualTo("[ ]\n");
        assertThat(print(List.of(), false)).isEqualTo("symbol  quantity  px\n");
    }

    private static String print(boolean json) {
        return print(ROWS, json);
    }

    private static String print(List<Trade> rows, boolean json) {
        StringWriter text = new StringWriter();
        TRADES.print(new PrintWriter(text), rows, json);
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
