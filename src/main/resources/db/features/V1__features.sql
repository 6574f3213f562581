-- The feature store, as SQLite and PostgreSQL both take it. Instants are epoch milliseconds UTC (BIGINT), so
-- comparisons are exact in any database; time (as_of) is in the primary key, so on TimescaleDB the table can
-- become a hypertable (README). IF NOT EXISTS: a store made before migrations existed upgrades in place.

CREATE TABLE IF NOT EXISTS features (
  market       VARCHAR(32)  NOT NULL,
  feature_name VARCHAR(200) NOT NULL,
  as_of        BIGINT       NOT NULL,
  available_at BIGINT       NOT NULL,
  recorded_at  BIGINT       NOT NULL,
  value        DOUBLE PRECISION,
  quality      VARCHAR(16)  NOT NULL,
  CONSTRAINT features_pk PRIMARY KEY (market, feature_name, as_of, available_at)
);

CREATE INDEX IF NOT EXISTS features_by_availability ON features (market, available_at);

-- The batch ledger: a batch (source, market, trading date) is complete once its row is here.
CREATE TABLE IF NOT EXISTS batches (
  batch_id     VARCHAR(64)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  market       VARCHAR(32)  NOT NULL,
  trading_date VARCHAR(10)  NOT NULL,
  completed_at BIGINT       NOT NULL,
  lake_rows    BIGINT       NOT NULL,
  feature_rows BIGINT       NOT NULL,
  defects      BIGINT       NOT NULL,
  CONSTRAINT batches_pk PRIMARY KEY (batch_id)
);

CREATE INDEX IF NOT EXISTS batches_by_date ON batches (source, market, trading_date);
