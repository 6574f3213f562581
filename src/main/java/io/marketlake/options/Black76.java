package io.marketlake.options;

/**
 * Black's 1976 model for European options on futures: the discounted Black-Scholes formula with the futures
 * price as the forward. Implied volatility is found by Brent's method on a bracket, so a price with no
 * volatility that reproduces it (below discounted intrinsic value, above the discounted bound, or flat in
 * volatility to machine precision) gives {@code null}, never an exception or a wild number.
 */
public final class Black76 {

    /** The volatility bracket searched, per year. */
    static final double MIN_VOL = 1e-6;
    static final double MAX_VOL = 10.0;
    private static final int MAX_ITERATIONS = 300;

    private Black76() {
    }

    /**
     * Price of a call or put.
     *
     * @param futures the underlying futures price
     * @param strike  the strike
     * @param years   time to expiry in years
     * @param rate    continuously compounded risk-free rate
     * @param vol     volatility per year
     */
    public static double price(boolean call, double futures, double strike, double years, double rate, double vol) {
        double discount = Math.exp(-rate * years);
        if (years <= 0 || vol <= 0) {
            return discount * Math.max(call ? futures - strike : strike - futures, 0);
        }
        double sd = vol * Math.sqrt(years);
        double d1 = (Math.log(futures / strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        return call
                ? discount * (futures * normalCdf(d1) - strike * normalCdf(d2))
                : discount * (strike * normalCdf(-d2) - futures * normalCdf(-d1));
    }

    /** The volatility that gives {@code price}, or null when none does within [1e-6, 10]. */
    public static Double impliedVol(boolean call, double price, double futures, double strike, double years,
            double rate) {
        if (!(price > 0) || !(futures > 0) || !(strike > 0) || !(years > 0) || Double.isNaN(rate)) {
            return null;
        }
        double low = price(call, futures, strike, years, rate, MIN_VOL);
        double high = price(call, futures, strike, years, rate, MAX_VOL);
        if (price < low || price > high) {
            return null;
        }
        double a = MIN_VOL;
        double b = MAX_VOL;
        double fa = low - price;
        double fb = high - price;
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if ((fb > 0) == (fc > 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolerance = 2 * Math.ulp(b) + 1e-15;
            double middle = 0.5 * (c - b);
            if (Math.abs(middle) <= tolerance || fb == 0) {
                return accept(call, price, futures, strike, years, rate, b);
            }
            if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * middle * s;
                    q = 1 - s;
                } else {
                    double qa = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * middle * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * middle * q - Math.abs(tolerance * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = middle;
                    e = d;
                }
            } else {
                d = middle;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tolerance ? d : Math.copySign(tolerance, middle);
            fb = price(call, futures, strike, years, rate, b) - price;
        }
        return null;
    }

    /**
     * A root is only an answer if it reproduces the price and the price pins it down: deep in or out of the
     * money the price hardly moves with volatility (no time value left to speak of), and any volatility would do.
     */
    private static Double accept(boolean call, double price, double futures, double strike, double years,
            double rate, double vol) {
        double error = Math.abs(price(call, futures, strike, years, rate, vol) - price);
        double sensitivity = Math.abs(price(call, futures, strike, years, rate, vol * 1.01)
                - price(call, futures, strike, years, rate, vol * 0.99));
        double tolerance = 1e-10 * Math.max(1, price);
        return error <= tolerance && sensitivity > tolerance ? vol : null;
    }

    /**
     * Standard normal CDF to double precision: Hart's (1968) algorithm 5666 as given by G. West, "Better
     * approximations to cumulative normal functions" (Wilmott, 2005).
     */
    static double normalCdf(double x) {
        double z = Math.abs(x);
        double tail;
        if (z > 37) {
            tail = 0;
        } else {
            double e = Math.exp(-z * z / 2);
            if (z < 7.07106781186547) {
                double n = 3.52624965998911e-02 * z + 0.700383064443688;
                n = n * z + 6.37396220353165;
                n = n * z + 33.912866078383;
                n = n * z + 112.079291497871;
                n = n * z + 221.213596169931;
                n = n * z + 220.206867912376;
                double d = 8.83883476483184e-02 * z + 1.75566716318264;
                d = d * z + 16.064177579207;
                d = d * z + 86.7807322029461;
                d = d * z + 296.564248779674;
                d = d * z + 637.333633378831;
                d = d * z + 793.826512519948;
                d = d * z + 440.413735824752;
                tail = e * n / d;
            } else {
                double d = z + 0.65;
                d = z + 4 / d;
                d = z + 3 / d;
                d = z + 2 / d;
                d = z + 1 / d;
                tail = e / d / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }
}
