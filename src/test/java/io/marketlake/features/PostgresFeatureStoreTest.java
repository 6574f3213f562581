package io.marketlake.features;

import io.marketlake.TestPostgres;

/** Every promise of {@link FeatureStoreTest} again, against a real PostgreSQL 15 server. */
class PostgresFeatureStoreTest extends FeatureStoreTest {

    @Override
    protected String jdbcUrl() {
        return TestPostgres.freshSchemaUrl();
    }
}
