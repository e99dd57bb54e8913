/// gevinst's PostgreSQL schema, one migration per shipped version, applied in order and recorded in
/// `schema_migrations`. A migration never changes once shipped; `docs/publish.md` describes every
/// table and view. `SCHEMA` stands for the pipeline's schema name (a checked plain identifier).
enum PostgresSchema {
    static let migrations: [(version: Int, sql: String)] = [(1, v1), (2, v2)]

    static var latest: Int { migrations.last!.version }

    /// The national views over every municipality's rows: created by v1 and again by v2, which
    /// rebuilds the tables under them as partitioned tables.
    static let nationalViews = """
    -- National views. Quality gains are levels in their indicator's unit and are left out of sums.
    CREATE VIEW SCHEMA.national_gains AS
    SELECT municipality, gain_type, quarter, quarter_code,
           count(DISTINCT initiative) AS initiatives,
           sum(planned) AS planned, sum(realised) AS realised,
           sum(cum_planned) AS cum_planned, sum(cum_realised) AS cum_realised,
           CASE WHEN sum(cum_planned) <> 0 THEN sum(cum_realised) / sum(cum_planned) END AS realisation_rate
    FROM SCHEMA.gains_quarterly
    WHERE gain_type <> 'quality'
    GROUP BY municipality, gain_type, quarter, quarter_code;

    -- Each budget plan's savings requirement against its budget gains, per municipality and year
    -- (the plan's total over its areas, area '*').
    CREATE VIEW SCHEMA.national_budget_balance AS
    SELECT municipality, plan, year, requirement, planned_budget, gap, coverage, realised_ytd, forecast, forecast_gap, status
    FROM SCHEMA.budget_balance
    WHERE area = '*';

    CREATE VIEW SCHEMA.national_indicator_values AS
    SELECT m.municipality, m.indicator, i.name, i.unit, m.org_unit, m.period, m.period_code, m.value
    FROM SCHEMA.measurements AS m
    LEFT JOIN SCHEMA.indicators AS i ON i.municipality = m.municipality AND i.indicator = m.indicator;
    """

    static let v1 = """
    -- One row per publish: what was published, when, from which pipeline, and whether it changed anything.
    CREATE TABLE SCHEMA.publishes (
        id           bigserial PRIMARY KEY,
        municipality text NOT NULL,
        pipeline     text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        fingerprint  text NOT NULL,
        changed      text[] NOT NULL,
        row_count    bigint NOT NULL
    );
    CREATE INDEX publishes_by_municipality ON SCHEMA.publishes (municipality, id);

    -- The digest and row count of each table's slice as last replaced.
    CREATE TABLE SCHEMA.slices (
        municipality text NOT NULL,
        table_name   text NOT NULL,
        digest       text NOT NULL,
        row_count    bigint NOT NULL,
        replaced_at  timestamptz NOT NULL,
        PRIMARY KEY (municipality, table_name)
    );

    CREATE TABLE SCHEMA.indicators (
        municipality text NOT NULL,
        indicator    text NOT NULL,
        name         text,
        unit         text,
        polarity     text NOT NULL,
        aggregation  text NOT NULL,
        frequency    text NOT NULL,
        target       double precision,
        in_catalogue boolean NOT NULL,
        PRIMARY KEY (municipality, indicator)
    );

    CREATE TABLE SCHEMA.org_units (
        municipality text NOT NULL,
        org_unit     text NOT NULL,
        name         text NOT NULL,
        parent       text,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, org_unit)
    );

    CREATE TABLE SCHEMA.org_unit_aliases (
        municipality text NOT NULL,
        alias        text NOT NULL,
        org_unit     text NOT NULL,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, alias)
    );

    -- Dates are ISO dates (2025-06-30) as text: deadline was free text in older warehouses.
    CREATE TABLE SCHEMA.initiatives (
        municipality     text NOT NULL,
        initiative       text NOT NULL,
        title            text NOT NULL,
        owner            text,
        area             text,
        status           text NOT NULL,
        deadline         text,
        description      text,
        phase            text,
        gain_owner       text,
        baseline_date    text,
        handover_date    text,
        rationale        text,
        current_state    text,
        root_causes      text,
        target_state     text,
        measurement_note text,
        a3_date          text,
        a3_version       text,
        file_id          bigint NOT NULL,
        PRIMARY KEY (municipality, initiative)
    );

    CREATE TABLE SCHEMA.actions (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        action       text NOT NULL,
        owner        text,
        deadline     text,
        status       text NOT NULL,
        sort_order   double precision,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, action)
    );

    CREATE TABLE SCHEMA.gain_plans (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        gain_type    text NOT NULL,
        period       text NOT NULL,
        period_code  integer NOT NULL,
        amount       numeric(20,2) NOT NULL,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, gain_type, period_code)
    );

    CREATE TABLE SCHEMA.gains_reported (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        gain_type    text NOT NULL,
        quarter      text NOT NULL,
        quarter_code integer NOT NULL,
        amount       numeric(20,2) NOT NULL,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, gain_type, quarter_code)
    );

    CREATE TABLE SCHEMA.gain_links (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        indicator    text NOT NULL,
        org_unit     text NOT NULL,
        gain_type    text NOT NULL,
        baseline     double precision NOT NULL,
        factor       double precision NOT NULL,
        start        text,
        start_code   integer,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, indicator, org_unit, gain_type)
    );

    CREATE TABLE SCHEMA.budget_targets (
        municipality text NOT NULL,
        plan         text NOT NULL,
        year         bigint NOT NULL,
        area         text NOT NULL,
        amount       numeric(20,2) NOT NULL,
        label        text,
        case_ref     text,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, plan, year, area)
    );

    CREATE TABLE SCHEMA.gain_comments (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        quarter      text NOT NULL,
        quarter_code integer NOT NULL,
        gain_type    text NOT NULL,
        comment      text NOT NULL,
        author       text,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, quarter_code, gain_type)
    );

    CREATE TABLE SCHEMA.gain_forecasts (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        gain_type    text NOT NULL,
        year         bigint NOT NULL,
        amount       numeric(20,2) NOT NULL,
        comment      text,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, initiative, gain_type, year)
    );

    CREATE TABLE SCHEMA.measurements (
        municipality text NOT NULL,
        indicator    text NOT NULL,
        org_unit     text NOT NULL,
        period       text NOT NULL,
        period_code  integer NOT NULL,
        value        double precision NOT NULL,
        file_id      bigint NOT NULL,
        PRIMARY KEY (municipality, indicator, org_unit, period_code)
    );

    CREATE TABLE SCHEMA.trends (
        municipality       text NOT NULL,
        indicator          text NOT NULL,
        org_unit           text NOT NULL,
        frequency          text NOT NULL,
        n                  bigint NOT NULL,
        first_period       text,
        first_period_code  integer,
        last_period        text,
        last_period_code   integer,
        last_value         double precision,
        mean               double precision,
        median             double precision,
        stdev              double precision,
        min                double precision,
        max                double precision,
        change_prev        double precision,
        change_yoy         double precision,
        ols_slope          double precision,
        r_squared          double precision,
        sen_slope          double precision,
        mk_s               bigint,
        mk_tau             double precision,
        mk_z               double precision,
        mk_p               double precision,
        trend              text,
        assessment         text NOT NULL,
        seasonal_sen_slope double precision,
        seasonal_mk_z      double precision,
        seasonal_mk_p      double precision,
        target             double precision,
        target_gap         double precision,
        cc_centre          double precision,
        cc_lower           double precision,
        cc_upper           double precision,
        cc_moving_range    double precision,
        cc_signals         bigint NOT NULL,
        points             jsonb NOT NULL,
        PRIMARY KEY (municipality, indicator, org_unit)
    );

    CREATE TABLE SCHEMA.gains_quarterly (
        municipality     text NOT NULL,
        initiative       text NOT NULL,
        gain_type        text NOT NULL,
        quarter          text NOT NULL,
        quarter_code     integer NOT NULL,
        planned          numeric(20,2) NOT NULL,
        realised         numeric(20,2),
        realised_source  text NOT NULL,
        derived          numeric(20,2),
        reported         numeric(20,2),
        cum_planned      numeric(20,2) NOT NULL,
        cum_realised     numeric(20,2),
        deviation        numeric(20,2),
        realisation_rate double precision,
        status           text NOT NULL,
        PRIMARY KEY (municipality, initiative, gain_type, quarter_code)
    );

    CREATE TABLE SCHEMA.gains_yearly (
        municipality text NOT NULL,
        initiative   text NOT NULL,
        gain_type    text NOT NULL,
        year         bigint NOT NULL,
        planned      numeric(20,2) NOT NULL,
        planned_ytd  numeric(20,2) NOT NULL,
        realised_ytd numeric(20,2),
        rate_ytd     double precision,
        forecast        numeric(20,2),
        forecast_source text,
        PRIMARY KEY (municipality, initiative, gain_type, year)
    );

    CREATE TABLE SCHEMA.gains_by_area (
        municipality     text NOT NULL,
        area             text NOT NULL,
        gain_type        text NOT NULL,
        quarter          text NOT NULL,
        quarter_code     integer NOT NULL,
        planned          numeric(20,2) NOT NULL,
        realised         numeric(20,2),
        cum_planned      numeric(20,2) NOT NULL,
        cum_realised     numeric(20,2),
        deviation        numeric(20,2),
        realisation_rate double precision,
        status           text NOT NULL,
        PRIMARY KEY (municipality, area, gain_type, quarter_code)
    );

    CREATE TABLE SCHEMA.budget_balance (
        municipality   text NOT NULL,
        plan           text NOT NULL,
        year           bigint NOT NULL,
        area           text NOT NULL,
        requirement    numeric(20,2) NOT NULL,
        planned_budget numeric(20,2) NOT NULL,
        gap            numeric(20,2) NOT NULL,
        coverage       double precision,
        realised_ytd   numeric(20,2) NOT NULL,
        forecast       numeric(20,2) NOT NULL,
        forecast_gap   numeric(20,2) NOT NULL,
        status         text NOT NULL,
        PRIMARY KEY (municipality, plan, year, area)
    );

    CREATE TABLE SCHEMA.findings (
        municipality       text NOT NULL,
        stage              text NOT NULL,
        kind               text NOT NULL,
        severity           text NOT NULL,
        source             text,
        file               text,
        file_id            bigint,
        initiative         text,
        related_initiative text,
        indicator          text,
        org_unit           text,
        quarter            text,
        quarter_code       integer,
        details            jsonb NOT NULL
    );
    CREATE INDEX findings_by_municipality ON SCHEMA.findings (municipality, kind);

    CREATE TABLE SCHEMA.files (
        municipality   text NOT NULL,
        file_id        bigint NOT NULL,
        source         text NOT NULL,
        kind           text NOT NULL,
        format         text NOT NULL,
        path           text NOT NULL,
        sha256         text NOT NULL,
        size           bigint NOT NULL,
        run_id         bigint NOT NULL,
        imported_at    timestamptz NOT NULL,
        encoding       text,
        delimiter      text,
        decimal_mark   text,
        rows_read      bigint NOT NULL,
        rows_loaded    bigint NOT NULL,
        rows_missing   bigint NOT NULL,
        rows_collapsed bigint NOT NULL,
        rows_rejected  bigint NOT NULL,
        current        boolean NOT NULL,
        published      text,
        PRIMARY KEY (municipality, file_id)
    );

    CREATE TABLE SCHEMA.runs (
        municipality text NOT NULL,
        run_id       bigint NOT NULL,
        pipeline     text NOT NULL,
        stages       text NOT NULL,
        started_at   timestamptz NOT NULL,
        ended_at     timestamptz,
        outcome      text NOT NULL,
        as_of        text,
        as_of_code   integer,
        message      text,
        counts       jsonb NOT NULL,
        PRIMARY KEY (municipality, run_id)
    );

    \(nationalViews)

    CREATE VIEW SCHEMA.latest_publishes AS
    SELECT DISTINCT ON (municipality) municipality, pipeline, published_at, fingerprint, changed, row_count
    FROM SCHEMA.publishes
    ORDER BY municipality, id DESC;
    """

    /// Each published table becomes LIST-partitioned by municipality, one partition per
    /// municipality's slice (named `<table>_<n>`), so that a publish replaces a slice by building a
    /// new partition and swapping it in instead of deleting and inserting rows in an indexed table.
    /// The rows stay; the views are recreated on the new tables. `trends.points` becomes `json`
    /// (stored as sent, without converting every number as `jsonb` does); findings lose their index.
    static let v2 = """
    DROP VIEW SCHEMA.national_gains;
    DROP VIEW SCHEMA.national_budget_balance;
    DROP VIEW SCHEMA.national_indicator_values;
    ALTER TABLE SCHEMA.trends ALTER COLUMN points TYPE json USING points::json;
    CREATE SEQUENCE SCHEMA.partition_numbers;
    -- The partition that holds the slice (NULL for slices moved by this migration).
    ALTER TABLE SCHEMA.slices ADD COLUMN partition text;

    -- Per table: the same columns and primary key on a partitioned table, a partition per
    -- municipality that has rows, the rows moved over.
    DO $$
    DECLARE
        tab text;
        slice text;
        pk text;
    BEGIN
        FOREACH tab IN ARRAY ARRAY['indicators', 'org_units', 'org_unit_aliases', 'initiatives', 'actions', 'gain_plans',
                                    'gains_reported', 'gain_links', 'budget_targets', 'gain_comments', 'gain_forecasts',
                                    'measurements', 'trends', 'gains_quarterly', 'gains_yearly', 'gains_by_area',
                                    'budget_balance', 'findings', 'files', 'runs'] LOOP
            SELECT pg_get_constraintdef(oid) INTO pk FROM pg_constraint
            WHERE conrelid = ('SCHEMA.' || tab)::regclass AND contype = 'p';
            EXECUTE format('ALTER TABLE SCHEMA.%I RENAME TO %I', tab, tab || '_v1');
            EXECUTE format('CREATE TABLE SCHEMA.%I (LIKE SCHEMA.%I INCLUDING DEFAULTS) PARTITION BY LIST (municipality)',
                           tab, tab || '_v1');
            IF pk IS NOT NULL THEN
                EXECUTE format('ALTER TABLE SCHEMA.%I DROP CONSTRAINT %I', tab || '_v1', tab || '_pkey');
                EXECUTE format('ALTER TABLE SCHEMA.%I ADD %s', tab, pk);
            END IF;
            FOR slice IN EXECUTE format('SELECT DISTINCT municipality FROM SCHEMA.%I', tab || '_v1') LOOP
                EXECUTE format('CREATE TABLE SCHEMA.%I PARTITION OF SCHEMA.%I FOR VALUES IN (%L)',
                               tab || '_' || nextval('SCHEMA.partition_numbers'), tab, slice);
            END LOOP;
            EXECUTE format('INSERT INTO SCHEMA.%I SELECT * FROM SCHEMA.%I', tab, tab || '_v1');
            EXECUTE format('DROP TABLE SCHEMA.%I', tab || '_v1');
        END LOOP;
    END
    $$;

    \(nationalViews)
    """
}
