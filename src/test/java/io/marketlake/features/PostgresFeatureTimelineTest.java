package io.marketlake.features;

import io.marketlake.TestPostgres;

/** Every promise of {@link FeatureTimelineTest} again, against a real PostgreSQL 15 server. */
class PostgresFeatureTimelineTest extends FeatureTimelineTest {

    @Override
    protected String jdbcUrl() {
        return TestPostgres.freshSchemaUrl();
    }
}
