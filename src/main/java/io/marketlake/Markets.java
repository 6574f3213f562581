package io.marketlake;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The markets named in {@code marketlake.markets}, each described by {@code marketlake.market.<code>.*}. */
public final class Markets {

    private final Map<String, Market> byCode;
    private final List<String> order;

    public Markets(List<Market> markets) {
        Map<String, Market> map = new LinkedHashMap<>();
        markets.forEach(m -> map.put(m.code(), m));
        this.byCode = Map.copyOf(map);
        this.order = List.copyOf(map.keySet());
    }

    /** Builds the markets from configuration; a missing setting is a configuration error naming the key. */
    public static Markets fromProperties(Function<String, Optional<String>> properties) {
        String codes = properties.apply("marketlake.markets")
                .orElseThrow(() -> new ConfigurationException("marketlake.markets is not set"));
        List<Market> markets = new ArrayList<>();
        for (String code : Arrays.stream(codes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            SafeNames.segment("market code in marketlake.markets", code);
            String prefix = "marketlake.market." + code + ".";
            Function<String, String> required = key -> properties.apply(prefix + key)
                    .orElseThrow(() -> new ConfigurationException(prefix + key + " is not set"));
            try {
                markets.add(new Market(
                        code,
                        required.apply("name"),
                        required.apply("exchange"),
                        properties.apply(prefix + "databento-root").orElse(code),
                        required.apply("cftc-code"),
                        Double.parseDouble(required.apply("contract-multiplier")),
                        ZoneId.of(required.apply("timezone"))));
            } catch (RuntimeException e) {
                if (e instanceof ConfigurationException) {
                    throw e;
                }
                throw new ConfigurationException("market " + code + " is misconfigured: " + e.getMessage());
            }
        }
        return new Markets(markets);
    }

    /** The market with this code; an unknown code is a usage error naming the configured ones. */
    public Market get(String code) {
        Market market = byCode.get(code);
        if (market == null) {
            throw new ConfigurationException("unknown market " + SafeNames.printable(code) + "; configured markets: "
                    + order);
        }
        return market;
    }

    public List<Market> all() {
        return order.stream().map(byCode::get).toList();
    }
}
