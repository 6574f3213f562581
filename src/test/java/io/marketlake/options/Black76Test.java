package io.marketlake.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Black76Test {

    @Test
    void matches_haugs_textbook_example() {
        // E. G. Haug, The Complete Guide to Option Pricing Formulas (2nd ed.), Black-76 example:
        // F = 19, X = 19, T = 0.75, r = 10 %, sigma = 28 % gives c = p = 1.7011.
        assertThat(Black76.price(true, 19, 19, 0.75, 0.10, 0.28)).isCloseTo(1.7011, within(5e-5));
        assertThat(Black76.price(false, 19, 19, 0.75, 0.10, 0.28)).isCloseTo(1.7011, within(5e-5));
    }

    @Test
    void matches_hulls_textbook_example() {
        // J. C. Hull, Options, Futures, and Other Derivatives, Black's model example: a put with F0 = K = 20,
        // r = 9 %, T = 4 months, sigma = 25 % is worth 1.12.
        assertThat(Black76.price(false, 20, 20, 4.0 / 12, 0.09, 0.25)).isCloseTo(1.12, within(5e-3));
    }

    @Test
    void matches_an_independent_implementation_off_the_money() {
        // Computed with Python 3.11's math.erf (N(x) = (1 + erf(x / sqrt 2)) / 2) and the textbook formula,
        // outside this code base.
        assertThat(Black76.price(true, 92.5, 100, 0.25, 0.045, 0.30)).isCloseTo(2.7317099903558817, within(1e-9));
        assertThat(Black76.price(false, 92.5, 85, 0.1, 0.045, 0.22)).isCloseTo(0.3336355830632239, within(1e-9));
        assertThat(Black76.price(true, 104.2, 90, 1.0, 0.05, 0.18)).isCloseTo(15.44758316429744, within(1e-9));
        assertThat(Black76.price(false, 84.1, 95, 0.5, 0.04, 0.35)).isCloseTo(15.007094893130352, within(1e-9));
        assertThat(Black76.price(true, 91.175, 92, 14.0 / 365, 0.045, 0.27))
                .isCloseTo(1.5446535237957697, within(1e-9));
    }

    @Test
    void implied_volatility_round_trips_across_moneyness_and_expiry() {
        double futures = 90;
        int checked = 0;
        for (boolean call : new boolean[] {true, false}) {
            for (double strike : new double[] {60, 75, 85, 89, 90, 91, 95, 105, 120}) {
                for (double years : new double[] {3.0 / 365, 14.0 / 365, 0.1, 0.5, 1, 2}) {
                    for (double vol : new double[] {0.08, 0.25, 0.6, 1.2}) {
                        double price = Black76.price(call, futures, strike, years, 0.045, vol);
                        double intrinsic = Math.exp(-0.045 * years) * Math.max(call ? futures - strike : strike - futures, 0);
                        if (price - intrinsic < 1e-6) {
                            continue; // no time value left to carry a volatility: covered by the tests below
                        }
                        Double implied = Black76.impliedVol(call, price, futures, strike, years, 0.045);
                        assertThat(implied).as("%s K=%s T=%s vol=%s", call ? "call" : "put", strike, years, vol)
                                .isNotNull();
                        assertThat(Black76.price(call, futures, strike, years, 0.045, implied))
                                .isCloseTo(price, within(1e-6));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(250);
    }

    @Test
    void a_price_below_discounted_intrinsic_value_has_no_volatility() {
        // deep in the money call quoted under its intrinsic value (a stale quote)
        double intrinsic = Math.exp(-0.045 * 0.25) * (90 - 60);
        assertThat(Black76.impliedVol(true, intrinsic - 0.5, 90, 60, 0.25, 0.045)).isNull();
        assertThat(Black76.impliedVol(false, 0.9 * Math.exp(-0.045 * 0.25) * 30, 60, 90, 0.25, 0.045)).isNull();
    }

    @Test
    void a_price_above_what_any_volatility_gives_has_no_volatility() {
        // a call can never be worth more than the discounted futures price
        assertThat(Black76.impliedVol(true, 95, 90, 120, 0.5, 0.045)).isNull();
    }

    @Test
    void a_worthless_or_meaningless_quote_has_no_volatility() {
        assertThat(Black76.impliedVol(false, 0.0, 90, 40, 0.1, 0.045)).isNull();
        assertThat(Black76.impliedVol(true, 1.0, 90, 90, 0.0, 0.045)).isNull();
        assertThat(Black76.impliedVol(true, Double.NaN, 90, 90, 0.5, 0.045)).isNull();
        assertThat(Black76.impliedVol(true, 1.0, 0, 90, 0.5, 0.045)).isNull();
    }

    @Test
    void deep_out_of_the_money_prices_near_zero_have_no_volatility() {
        double tiny = Black76.price(true, 90, 200, 3.0 / 365, 0.045, Black76.MIN_VOL);
        assertThat(tiny).isZero();
        assertThat(Black76.impliedVol(true, 1e-300, 90, 200, 3.0 / 365, 0.045)).isNull();
        // deep in the money, a price a hair above intrinsic: no volatility is pinned down
        double intrinsic = Math.exp(-0.045 * 3.0 / 365) * 15;
        assertThat(Black76.impliedVol(true, intrinsic + 1e-13, 90, 75, 3.0 / 365, 0.045)).isNull();
    }
}
