package io.marketlake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One home for configuration, overridable from outside (the CLI tests cover -D system properties). */
class SettingsTest extends RouteTestSupport {

    @Test
    void an_environment_variable_overrides_the_config_file() {
        // MARKETLAKE_MARKET_HE_NAME is set for the tests in pom.xml
        assertThat(settings().get("marketlake.market.HE.name")).isEqualTo("Lean Hogs (from the environment)");
        assertThat(settings().markets().get("HE").name()).isEqualTo("Lean Hogs (from the environment)");
    }

    @Test
    void keys_nobody_overrides_come_from_config_application_properties() {
        assertThat(settings().get("marketlake.market.HE.cftc-code")).isEqualTo("054642");
        assertThat(settings().under("marketlake.staleness.")).containsEntry("futures", "1td").containsEntry("cot", "P7D");
    }

    @Test
    void routes_are_read_from_the_routes_directory() {
        assertThat(context.getRoute("futures-ingest").getSourceLocation()).startsWith("file:routes/futures.yaml");
    }

    @Test
    void a_number_setting_that_is_not_a_number_is_an_error_naming_its_key() {
        java.util.Properties bad = new java.util.Properties();
        bad.put("marketlake.trading.batch-size", "ten thousand");
        bad.put("marketlake.options.max-spread-pct", "20%");
        context.getPropertiesComponent().setOverrideProperties(bad);

        assertThatThrownBy(() -> settings().integer("marketlake.trading.batch-size"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("marketlake.trading.batch-size must be a whole number up to 2147483647, not 'ten thousand'");
        assertThatThrownBy(() -> settings().decimal("marketlake.options.max-spread-pct"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("marketlake.options.max-spread-pct must be a decimal number such as 0.2, not '20%'");
    }

    private Settings settings() {
        return context.getRegistry().lookupByNameAndType("settings", Settings.class);
    }
}
