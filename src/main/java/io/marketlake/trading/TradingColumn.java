package io.marketlake.trading;

import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;
import java.util.Set;

/**
 * A column of a trading table and the rule its values follow: required (an id), one of a set of values, or
 * not negative. Types: text, whole number, decimal number, instant (UTC, microseconds) or date.
 */
public record TradingColumn(String name, Type type, boolean required, Set<String> allowed, boolean nonNegative) {

    /** How a column is stored. */
    public enum Type {
        TEXT(StringType.STRING), WHOLE(LongType.LONG), DECIMAL(DoubleType.DOUBLE), INSTANT(TimestampType.TIMESTAMP),
        DATE(DateType.DATE);

        private final DataType delta;

        Type(DataType delta) {
            this.delta = delta;
        }

        public DataType delta() {
            return delta;
        }
    }

    static TradingColumn id(String name) {
        return new TradingColumn(name, Type.TEXT, true, Set.of(), false);
    }

    static TradingColumn text(String name) {
        return new TradingColumn(name, Type.TEXT, false, Set.of(), false);
    }

    static TradingColumn oneOf(String name, boolean required, String... values) {
        return new TradingColumn(name, Type.TEXT, required, Set.of(values), false);
    }

    static TradingColumn whole(String name, boolean nonNegative) {
        return new TradingColumn(name, Type.WHOLE, false, Set.of(), nonNegative);
    }

    static TradingColumn decimal(String name) {
        return new TradingColumn(name, Type.DECIMAL, false, Set.of(), false);
    }

    static TradingColumn decimal(String name, boolean nonNegative) {
        return new TradingColumn(name, Type.DECIMAL, false, Set.of(), nonNegative);
    }

    static TradingColumn instant(String name, boolean required) {
        return new TradingColumn(name, Type.INSTANT, required, Set.of(), false);
    }

    static TradingColumn date(String name) {
        return new TradingColumn(name, Type.DATE, false, Set.of(), false);
    }
}
