package io.marketlake.slices;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code preN_postM}: N candles before the anchor, the anchor's candle and M after it. */
public record Window(int pre, int post) {

    private static final Pattern FORM = Pattern.compile("pre(\\d+)_post(\\d+)");

    public static Window parse(String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("window must be like pre20_post10, not '" + text + "'");
        }
        return new Window(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Candles in a full window: N before, the anchor's, M after. */
    public int size() {
        return pre + post + 1;
    }

    public String text() {
        return "pre" + pre + "_post" + post;
    }
}
