import GRDB

/// The warehouse schema, one migration per shipped version. A migration never changes once
/// shipped and uses no app types, so that any later gevinst can open any earlier warehouse.
/// `docs/warehouse.md` describes every table for analysts.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: v7)
            // A warehouse of a gevinst that had v8 but not yet v7 gets v8's views here.
            if try db.tableExists("budget_balance") {
                try db.execute(sql: v8Views)
            }
        }
        migrator.registerMigration("v8") { db in
            try db.execute(sql: v8)
            try db.execute(sql: v8Views)
        }
        migrator.registerMigration("v9") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("v11") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("v12") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("v13") { db in
            try db.execute(sql: v13)
        }
        migrator.registerMigration("v14") { db in
            try db.execute(sql: v14)
        }
        return migrator
    }

    /// The version a migration identifier names (`v3` → 3); nil for an identifier of no gevinst.
    static func version(_ identifier: String) -> Int? {
        identifier.first == "v" ? Int(identifier.dropFirst()) : nil
    }

    static let v1 = """
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        pipeline    TEXT NOT NULL,
        stages      TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        outcome     TEXT NOT NULL DEFAULT 'running',
        as_of       TEXT,
        pid         INTEGER NOT NULL,
        message     TEXT,
        counts      TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE files (
        id             INTEGER PRIMARY KEY,
        source         TEXT NOT NULL,
        kind           TEXT NOT NULL,
        format         TEXT NOT NULL,
        path           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        size           INTEGER NOT NULL,
        run_id         INTEGER NOT NULL REFERENCES runs(id),
        imported_at    TEXT NOT NULL,
        encoding       TEXT,
        delimiter      TEXT,
        decimal_mark   TEXT,
        rows_read      INTEGER NOT NULL DEFAULT 0,
        rows_loaded    INTEGER NOT NULL DEFAULT 0,
        rows_missing   INTEGER NOT NULL DEFAULT 0,
        rows_collapsed INTEGER NOT NULL DEFAULT 0,
        rows_rejected  INTEGER NOT NULL DEFAULT 0,
        current        INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX files_by_source ON files(source, sha256);

    CREATE TABLE rejects (
        id       INTEGER PRIMARY KEY,
        file_id  INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        source   TEXT NOT NULL,
        file     TEXT NOT NULL,
        line     INTEGER,
        "column" INTEGER,
        field    TEXT,
        reason   TEXT NOT NULL,
        text     TEXT
    );
    CREATE INDEX rejects_by_file ON rejects(file_id);

    CREATE TABLE findings (
        id                 INTEGER PRIMARY KEY,
        stage              TEXT NOT NULL,
        run_id             INTEGER REFERENCES runs(id),
        file_id            INTEGER REFERENCES files(id) ON DELETE CASCADE,
        kind               TEXT NOT NULL,
        severity           TEXT NOT NULL,
        source             TEXT,
        file               TEXT,
        initiative         TEXT,
        related_initiative TEXT,
        indicator          TEXT,
        org_unit           TEXT,
        quarter            TEXT,
        details            TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX findings_by_stage ON findings(stage, file_id);

    -- Registers, as the sources gave them. Amounts are integers in hundredths (øre for NOK).
    CREATE TABLE indicators (
        indicator   TEXT PRIMARY KEY,
        name        TEXT,
        unit        TEXT,
        polarity    TEXT,
        aggregation TEXT,
        frequency   TEXT,
        target      REAL,
        file_id     INTEGER NOT NULL REFERENCES files(id)
    );

    -- Defaults for indicators that measurements or SAF-T sources name: SAF-T indicators sum
    -- monthly; an indicator no catalogue lists takes the coarsest period kind seen for it.
    CREATE TABLE indicator_defaults (
        indicator   TEXT PRIMARY KEY,
        aggregation TEXT NOT NULL,
        frequency   TEXT NOT NULL,
        origin      TEXT NOT NULL
    );

    CREATE VIEW indicator_settings AS
    SELECT i.indicator,
           c.name, c.unit,
           COALESCE(c.polarity, 'neutral') AS polarity,
           COALESCE(c.aggregation, d.aggregation, 'mean') AS aggregation,
           COALESCE(c.frequency, d.frequency, 'quarter') AS frequency,
           c.target,
           c.indicator IS NOT NULL AS in_catalogue
    FROM (SELECT indicator FROM indicators UNION SELECT indicator FROM indicator_defaults) AS i
    LEFT JOIN indicators AS c ON c.indicator = i.indicator
    LEFT JOIN indicator_defaults AS d ON d.indicator = i.indicator;

    CREATE TABLE initiatives (
        initiative  TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        owner       TEXT,
        area        TEXT,
        status      TEXT NOT NULL,
        deadline    TEXT,
        description TEXT,
        file_id     INTEGER NOT NULL REFERENCES files(id)
    );

    CREATE TABLE gain_plans (
        initiative TEXT NOT NULL,
        gain_type  TEXT NOT NULL,
        period     INTEGER NOT NULL,
        amount     INTEGER NOT NULL,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, gain_type, period)
    ) WITHOUT ROWID;

    CREATE TABLE gains_reported (
        initiative TEXT NOT NULL,
        gain_type  TEXT NOT NULL,
        quarter    INTEGER NOT NULL,
        amount     INTEGER NOT NULL,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, gain_type, quarter)
    ) WITHOUT ROWID;

    CREATE TABLE gain_links (
        initiative TEXT NOT NULL,
        indicator  TEXT NOT NULL,
        org_unit   TEXT NOT NULL,
        gain_type  TEXT NOT NULL,
        baseline   REAL NOT NULL,
        factor     REAL NOT NULL,
        start      INTEGER,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, indicator, org_unit, gain_type)
    ) WITHOUT ROWID;

    -- Measurements: one row per (series, period); a series is (indicator, org_unit).
    CREATE TABLE series (
        id        INTEGER PRIMARY KEY,
        indicator TEXT NOT NULL,
        org_unit  TEXT NOT NULL,
        UNIQUE (indicator, org_unit)
    );

    CREATE TABLE measurements (
        series_id INTEGER NOT NULL,
        period    INTEGER NOT NULL,
        value     REAL NOT NULL,
        file_id   INTEGER NOT NULL,
        PRIMARY KEY (series_id, period)
    ) WITHOUT ROWID;

    CREATE TABLE measurement_history (
        series_id           INTEGER NOT NULL,
        period              INTEGER NOT NULL,
        value               REAL NOT NULL,
        file_id             INTEGER NOT NULL,
        replaced_by_file_id INTEGER NOT NULL,
        new_value           REAL
    );
    CREATE INDEX measurement_history_by_key ON measurement_history(series_id, period);

    -- A value replaced by a newer import keeps its old self in the history.
    CREATE TRIGGER measurements_keep_history
    BEFORE UPDATE OF value ON measurements
    WHEN old.value IS NOT new.value
    BEGIN
        INSERT INTO measurement_history (series_id, period, value, file_id, replaced_by_file_id, new_value)
        VALUES (old.series_id, old.period, old.value, old.file_id, new.file_id, new.value);
    END;

    CREATE TRIGGER measurements_keep_deleted
    BEFORE DELETE ON measurements
    BEGIN
        INSERT INTO measurement_history (series_id, period, value, file_id, replaced_by_file_id, new_value)
        VALUES (old.series_id, old.period, old.value, old.file_id, 0, NULL);
    END;

    -- Stage outputs. Each stage replaces its own tables in one transaction.
    CREATE TABLE trends (
        indicator          TEXT NOT NULL,
        org_unit           TEXT NOT NULL,
        frequency          TEXT NOT NULL,
        n                  INTEGER NOT NULL,
        first_period       TEXT,
        last_period        TEXT,
        \(trendFigureColumns)
        PRIMARY KEY (indicator, org_unit)
    ) WITHOUT ROWID;

    -- The series the trend figures were computed on, for charts: the points of trends.points
    -- (a JSON array of [period code, value, signal]) one row each. signal: bit 1 outside the control
    -- limits, bit 2 part of a run of 7 or more on one side of the centre line.
    \(trendPointsView)

    CREATE TABLE gains_quarterly (
        initiative       TEXT NOT NULL,
        gain_type        TEXT NOT NULL,
        quarter          INTEGER NOT NULL,
        planned          INTEGER NOT NULL,
        realised         INTEGER,
        realised_source  TEXT NOT NULL,
        derived          INTEGER,
        reported         INTEGER,
        cum_planned      INTEGER NOT NULL,
        cum_realised     INTEGER,
        deviation        INTEGER,
        realisation_rate REAL,
        status           TEXT NOT NULL,
        PRIMARY KEY (initiative, gain_type, quarter)
    ) WITHOUT ROWID;

    CREATE TABLE gains_yearly (
        initiative   TEXT NOT NULL,
        gain_type    TEXT NOT NULL,
        year         INTEGER NOT NULL,
        planned      INTEGER NOT NULL,
        planned_ytd  INTEGER NOT NULL,
        realised_ytd INTEGER NOT NULL,
        rate_ytd     REAL,
        forecast     INTEGER NOT NULL,
        PRIMARY KEY (initiative, gain_type, year)
    ) WITHOUT ROWID;

    CREATE TABLE gains_by_area (
        area             TEXT NOT NULL,
        gain_type        TEXT NOT NULL,
        quarter          INTEGER NOT NULL,
        planned          INTEGER NOT NULL,
        realised         INTEGER,
        cum_planned      INTEGER NOT NULL,
        cum_realised     INTEGER,
        deviation        INTEGER,
        realisation_rate REAL,
        status           TEXT NOT NULL,
        PRIMARY KEY (area, gain_type, quarter)
    ) WITHOUT ROWID;

    -- What each compute stage last did: its run, the as_of it used, when it finished.
    CREATE TABLE stage_state (
        stage       TEXT PRIMARY KEY,
        run_id      INTEGER NOT NULL REFERENCES runs(id),
        as_of       TEXT,
        finished_at TEXT NOT NULL
    );

    -- Readable views for analysts: canonical periods as text.
    CREATE VIEW measurements_readable AS
    SELECT s.indicator, s.org_unit,
           CASE m.period % 1000 / 100
               WHEN 2 THEN CAST(m.period / 1000 AS TEXT)
               WHEN 1 THEN (m.period / 1000) || 'K' || (m.period % 100)
               ELSE (m.period / 1000) || 'M' || printf('%02d', m.period % 100)
           END AS period,
           m.value, f.path AS file, f.source
    FROM measurements AS m JOIN series AS s ON s.id = m.series_id LEFT JOIN files AS f ON f.id = m.file_id;
    """

    /// v2: why each row was rejected as a stable code (`RejectKind`), beside the English sentence, so
    /// that reports can word it in their language. Rows rejected before v2 have none.
    static let v2 = """
    ALTER TABLE rejects ADD COLUMN kind TEXT;
    """

    /// v3: every period is stored one way, as the integer code (`2024K1` → 2024101). The columns that
    /// held canonical text (`runs.as_of`, `findings.quarter`, `trends.first_period`,
    /// `trends.last_period`, `stage_state.as_of`) are replaced by INTEGER columns of the same name,
    /// which move to the end of their tables, with the values converted; a text that is no period
    /// becomes NULL.
    /// Quality gains are levels, whose year has no forecast and no realised level until one is known:
    /// `gains_yearly.realised_ytd` and `forecast` may be NULL (the rows are kept).
    static let v3 = """
    CREATE TEMP TABLE period_codes (text TEXT PRIMARY KEY, code INTEGER);
    INSERT INTO period_codes (text)
    SELECT period FROM (SELECT as_of AS period FROM runs UNION SELECT quarter FROM findings
                        UNION SELECT first_period FROM trends UNION SELECT last_period FROM trends
                        UNION SELECT as_of FROM stage_state)
    WHERE period IS NOT NULL;
    UPDATE period_codes SET code = CASE
        WHEN text GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(text AS INTEGER) * 1000 + 201
        WHEN text GLOB '[0-9][0-9][0-9][0-9]K[1-4]' THEN CAST(substr(text, 1, 4) AS INTEGER) * 1000 + 100 + CAST(substr(text, 6) AS INTEGER)
        WHEN text GLOB '[0-9][0-9][0-9][0-9]M[0-1][0-9]' THEN CAST(substr(text, 1, 4) AS INTEGER) * 1000 + CAST(substr(text, 6) AS INTEGER)
        WHEN text GLOB '[0-9][0-9][0-9][0-9][0-2][0-9][0-9]' THEN CAST(text AS INTEGER)
    END;

    ALTER TABLE runs RENAME COLUMN as_of TO as_of_text;
    ALTER TABLE runs ADD COLUMN as_of INTEGER;
    UPDATE runs SET as_of = (SELECT code FROM period_codes WHERE text = as_of_text);
    ALTER TABLE runs DROP COLUMN as_of_text;

    ALTER TABLE findings RENAME COLUMN quarter TO quarter_text;
    ALTER TABLE findings ADD COLUMN quarter INTEGER;
    UPDATE findings SET quarter = (SELECT code FROM period_codes WHERE text = quarter_text);
    ALTER TABLE findings DROP COLUMN quarter_text;

    ALTER TABLE trends RENAME COLUMN first_period TO first_period_text;
    ALTER TABLE trends RENAME COLUMN last_period TO last_period_text;
    ALTER TABLE trends ADD COLUMN first_period INTEGER;
    ALTER TABLE trends ADD COLUMN last_period INTEGER;
    UPDATE trends SET first_period = (SELECT code FROM period_codes WHERE text = first_period_text),
                      last_period = (SELECT code FROM period_codes WHERE text = last_period_text);
    ALTER TABLE trends DROP COLUMN first_period_text;
    ALTER TABLE trends DROP COLUMN last_period_text;

    ALTER TABLE stage_state RENAME COLUMN as_of TO as_of_text;
    ALTER TABLE stage_state ADD COLUMN as_of INTEGER;
    UPDATE stage_state SET as_of = (SELECT code FROM period_codes WHERE text = as_of_text);
    ALTER TABLE stage_state DROP COLUMN as_of_text;

    DROP TABLE period_codes;

    CREATE TABLE gains_yearly_v3 (
        initiative   TEXT NOT NULL,
        gain_type    TEXT NOT NULL,
        year         INTEGER NOT NULL,
        planned      INTEGER NOT NULL,
        planned_ytd  INTEGER NOT NULL,
        realised_ytd INTEGER,
        rate_ytd     REAL,
        forecast     INTEGER,
        PRIMARY KEY (initiative, gain_type, year)
    ) WITHOUT ROWID;
    INSERT INTO gains_yearly_v3 SELECT initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast
        FROM gains_yearly;
    DROP TABLE gains_yearly;
    ALTER TABLE gains_yearly_v3 RENAME TO gains_yearly;
    """

    /// v4: KOSTRA files by identity (skjema, year, quarter, region, orgnr), so that a newer file
    /// of the same identity supersedes the older one wherever it lies, and the year-to-date sums
    /// of quarterly files, from which a quarter's value is the difference to the quarter before.
    static let v4 = """
    CREATE TABLE kostra_files (
        file_id INTEGER PRIMARY KEY REFERENCES files(id),
        source  TEXT NOT NULL,
        form    TEXT NOT NULL,
        year    INTEGER NOT NULL,
        quarter INTEGER,
        region  TEXT NOT NULL,
        orgnr   TEXT NOT NULL
    );
    CREATE INDEX kostra_files_by_identity ON kostra_files(source, form, year, region, orgnr, quarter);

    CREATE TABLE kostra_ytd (
        file_id   INTEGER NOT NULL REFERENCES kostra_files(file_id),
        indicator TEXT NOT NULL,
        org_unit  TEXT NOT NULL,
        value     INTEGER NOT NULL,
        PRIMARY KEY (file_id, indicator, org_unit)
    ) WITHOUT ROWID;
    """

    /// v5: a statistics cube's publication date (JSON-stat `updated`, PX `LAST-UPDATED`) is kept with
    /// its file record: Statistics Norway revises KOSTRA figures, and the report names the publication.
    static let v5 = """
    ALTER TABLE files ADD COLUMN published TEXT;
    """

    /// v6: measurements by file, so that a new version of a file (or `forget`) finds the rows the
    /// old one stored without reading the whole table; and the history of register rows that a new
    /// version of a file (mode upsert) or `forget` removed, as `measurement_history` keeps values.
    static let v6 = """
    CREATE INDEX measurements_by_file ON measurements(file_id);

    CREATE TABLE register_history (
        register            TEXT NOT NULL,
        fields              TEXT NOT NULL,
        file_id             INTEGER NOT NULL,
        replaced_by_file_id INTEGER NOT NULL
    );
    CREATE INDEX register_history_by_register ON register_history(register);
    """

    /// v7: the org unit register (`org_units`, `org_unit_aliases`) and the view that resolves any
    /// code a source gives a unit (`org_unit_codes`); readable views of the gains tables for
    /// analysts: quarters as `2024K1`, amounts in their unit (NOK, hours) instead of hundredths,
    /// initiative titles and org unit names beside the codes.
    static let v7 = """
    CREATE TABLE org_units (
        org_unit TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        parent   TEXT,
        file_id  INTEGER NOT NULL REFERENCES files(id)
    );

    CREATE TABLE org_unit_aliases (
        alias    TEXT PRIMARY KEY,
        org_unit TEXT NOT NULL,
        file_id  INTEGER NOT NULL REFERENCES files(id)
    );
    CREATE INDEX org_unit_aliases_by_unit ON org_unit_aliases(org_unit);

    CREATE VIEW org_unit_codes AS
    SELECT u.org_unit AS code, u.org_unit, u.name FROM org_units AS u
    UNION ALL
    SELECT a.alias, a.org_unit, u.name FROM org_unit_aliases AS a JOIN org_units AS u ON u.org_unit = a.org_unit;

    CREATE VIEW gains_quarterly_readable AS
    SELECT g.initiative, i.title, g.gain_type,
           (g.quarter / 1000) || 'K' || (g.quarter % 100) AS quarter,
           CASE g.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           g.planned / 100.0 AS planned, g.realised / 100.0 AS realised, g.realised_source,
           g.derived / 100.0 AS derived, g.reported / 100.0 AS reported,
           g.cum_planned / 100.0 AS cum_planned, g.cum_realised / 100.0 AS cum_realised,
           g.deviation / 100.0 AS deviation, g.realisation_rate, g.status
    FROM gains_quarterly AS g LEFT JOIN initiatives AS i ON i.initiative = g.initiative;

    CREATE VIEW gains_yearly_readable AS
    SELECT g.initiative, i.title, g.gain_type, g.year,
           CASE g.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           g.planned / 100.0 AS planned, g.planned_ytd / 100.0 AS planned_ytd, g.realised_ytd / 100.0 AS realised_ytd,
           g.rate_ytd, g.forecast / 100.0 AS forecast
    FROM gains_yearly AS g LEFT JOIN initiatives AS i ON i.initiative = g.initiative;

    CREATE VIEW gains_by_area_readable AS
    SELECT g.area, g.gain_type,
           (g.quarter / 1000) || 'K' || (g.quarter % 100) AS quarter,
           CASE g.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           g.planned / 100.0 AS planned, g.realised / 100.0 AS realised,
           g.cum_planned / 100.0 AS cum_planned, g.cum_realised / 100.0 AS cum_realised,
           g.deviation / 100.0 AS deviation, g.realisation_rate, g.status
    FROM gains_by_area AS g;

    CREATE VIEW gain_plans_readable AS
    SELECT p.initiative, i.title, p.gain_type,
           CASE WHEN p.period % 1000 = 201 THEN CAST(p.period / 1000 AS TEXT)
                ELSE (p.period / 1000) || 'K' || (p.period % 100) END AS period,
           CASE p.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           p.amount / 100.0 AS amount
    FROM gain_plans AS p LEFT JOIN initiatives AS i ON i.initiative = p.initiative;

    CREATE VIEW gains_reported_readable AS
    SELECT r.initiative, i.title, r.gain_type,
           (r.quarter / 1000) || 'K' || (r.quarter % 100) AS quarter,
           CASE r.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           r.amount / 100.0 AS amount
    FROM gains_reported AS r LEFT JOIN initiatives AS i ON i.initiative = r.initiative;

    CREATE VIEW gain_links_readable AS
    SELECT l.initiative, i.title, l.indicator, l.org_unit, c.org_unit AS registered_org_unit, c.name AS org_unit_name,
           l.gain_type, l.baseline, l.factor,
           (l.start / 1000) || 'K' || (l.start % 100) AS start
    FROM gain_links AS l LEFT JOIN initiatives AS i ON i.initiative = l.initiative
    LEFT JOIN org_unit_codes AS c ON c.code = l.org_unit;
    """

    /// v8: the budget cycle and the gain life cycle. Initiatives get a phase, a gain owner and two
    /// dates; three registers (`budget_targets`, `gain_comments`, `gain_forecasts`); the yearly
    /// forecast says whose it is (`forecast_source`); the gains stage writes `budget_balance`.
    static let v8 = """
    ALTER TABLE initiatives ADD COLUMN phase TEXT;
    ALTER TABLE initiatives ADD COLUMN gain_owner TEXT;
    ALTER TABLE initiatives ADD COLUMN baseline_date TEXT;
    ALTER TABLE initiatives ADD COLUMN handover_date TEXT;

    CREATE TABLE budget_targets (
        plan     TEXT NOT NULL,
        year     INTEGER NOT NULL,
        area     TEXT NOT NULL,
        amount   INTEGER NOT NULL,
        label    TEXT,
        case_ref TEXT,
        file_id  INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (plan, year, area)
    ) WITHOUT ROWID;

    CREATE TABLE gain_comments (
        initiative TEXT NOT NULL,
        quarter    INTEGER NOT NULL,
        gain_type  TEXT NOT NULL,
        comment    TEXT NOT NULL,
        author     TEXT,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, quarter, gain_type)
    ) WITHOUT ROWID;

    CREATE TABLE gain_forecasts (
        initiative TEXT NOT NULL,
        gain_type  TEXT NOT NULL,
        year       INTEGER NOT NULL,
        amount     INTEGER NOT NULL,
        comment    TEXT,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, gain_type, year)
    ) WITHOUT ROWID;

    ALTER TABLE gains_yearly ADD COLUMN forecast_source TEXT;

    CREATE TABLE budget_balance (
        plan           TEXT NOT NULL,
        year           INTEGER NOT NULL,
        area           TEXT NOT NULL,
        requirement    INTEGER NOT NULL,
        planned_budget INTEGER NOT NULL,
        gap            INTEGER NOT NULL,
        coverage       REAL,
        realised_ytd   INTEGER NOT NULL,
        forecast       INTEGER NOT NULL,
        forecast_gap   INTEGER NOT NULL,
        status         TEXT NOT NULL,
        PRIMARY KEY (plan, year, area)
    ) WITHOUT ROWID;
    """

    /// v8's readable views (run by v8, or by v7 where v8 came first): the yearly view again with
    /// whose forecast it is, and the budget balance in NOK.
    static let v8Views = """
    DROP VIEW IF EXISTS gains_yearly_readable;
    CREATE VIEW gains_yearly_readable AS
    SELECT g.initiative, i.title, g.gain_type, g.year,
           CASE g.gain_type WHEN 'budget' THEN 'NOK' WHEN 'efficiency' THEN 'NOK' WHEN 'time' THEN 'h' END AS unit,
           g.planned / 100.0 AS planned, g.planned_ytd / 100.0 AS planned_ytd, g.realised_ytd / 100.0 AS realised_ytd,
           g.rate_ytd, g.forecast / 100.0 AS forecast, g.forecast_source
    FROM gains_yearly AS g LEFT JOIN initiatives AS i ON i.initiative = g.initiative;

    CREATE VIEW budget_balance_readable AS
    SELECT b.plan, b.year, b.area, 'NOK' AS unit,
           b.requirement / 100.0 AS requirement, b.planned_budget / 100.0 AS planned_budget, b.gap / 100.0 AS gap,
           b.coverage, b.realised_ytd / 100.0 AS realised_ytd, b.forecast / 100.0 AS forecast,
           b.forecast_gap / 100.0 AS forecast_gap, b.status
    FROM budget_balance AS b;
    """

    /// v9: the A3 sheet per initiative (KS's template): the initiative's text sections, and the
    /// `actions` register (4. Endringstiltak). Deadlines and the sheet's date are ISO dates.
    static let v9 = """
    ALTER TABLE initiatives ADD COLUMN rationale TEXT;
    ALTER TABLE initiatives ADD COLUMN current_state TEXT;
    ALTER TABLE initiatives ADD COLUMN root_causes TEXT;
    ALTER TABLE initiatives ADD COLUMN target_state TEXT;
    ALTER TABLE initiatives ADD COLUMN measurement_note TEXT;
    ALTER TABLE initiatives ADD COLUMN a3_date TEXT;
    ALTER TABLE initiatives ADD COLUMN a3_version TEXT;

    CREATE TABLE actions (
        initiative TEXT NOT NULL,
        action     TEXT NOT NULL,
        owner      TEXT,
        deadline   TEXT,
        status     TEXT NOT NULL,
        sort_order REAL,
        file_id    INTEGER NOT NULL REFERENCES files(id),
        PRIMARY KEY (initiative, action)
    ) WITHOUT ROWID;
    """

    /// v10: what each stage read when it last ran (`stage_state.inputs`, text the stage alone
    /// interprets), so that a run with nothing new leaves its outputs as they are.
    static let v10 = """
    ALTER TABLE stage_state ADD COLUMN inputs TEXT;
    """

    /// v11: the series each file stored values of (`file_series`) replace the index of every
    /// measurement by file (v6): a new version of a file, `forget` and the trends stage need only a
    /// file's series — about one row per 40 measurements — and the index made every stored value
    /// cost a second B-tree entry (`BENCHMARKS.md`). Filled from the measurements the warehouse holds.
    static let v11 = """
    DROP INDEX measurements_by_file;

    CREATE TABLE file_series (
        file_id   INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        PRIMARY KEY (file_id, series_id)
    ) WITHOUT ROWID;
    INSERT INTO file_series (file_id, series_id) SELECT DISTINCT file_id, series_id FROM measurements ORDER BY 1, 2;
    """

    /// The columns of `trends` from `last_value` to `points`, the same in v1 and v12.
    private static let trendFigureColumns = """
    last_value         REAL,
    mean               REAL,
    median             REAL,
    stdev              REAL,
    min                REAL,
    max                REAL,
    change_prev        REAL,
    change_yoy         REAL,
    ols_slope          REAL,
    r_squared          REAL,
    sen_slope          REAL,
    mk_s               INTEGER,
    mk_tau             REAL,
    mk_z               REAL,
    mk_p               REAL,
    trend              TEXT,
    assessment         TEXT NOT NULL,
    seasonal_sen_slope REAL,
    seasonal_mk_z      REAL,
    seasonal_mk_p      REAL,
    target             REAL,
    target_gap         REAL,
    cc_centre          REAL,
    cc_lower           REAL,
    cc_upper           REAL,
    cc_moving_range    REAL,
    cc_signals         INTEGER NOT NULL DEFAULT 0,
    points             TEXT NOT NULL DEFAULT '[]',
    """

    /// Every column of `trends` since v9, in the order of the table.
    private static let v12Columns = """
    indicator, org_unit, frequency, n, last_value, mean, median, stdev, min, max, change_prev, change_yoy,
    ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p, trend, assessment, seasonal_sen_slope, seasonal_mk_z,
    seasonal_mk_p, target, target_gap, cc_centre, cc_lower, cc_upper, cc_moving_range, cc_signals, points, first_period,
    last_period
    """

    /// `trend_points`, created by v1 and again by v12.
    static let trendPointsView = """
    CREATE VIEW trend_points AS
    SELECT t.indicator, t.org_unit,
           json_extract(p.value, '$[0]') AS period,
           json_extract(p.value, '$[1]') AS value,
           json_extract(p.value, '$[2]') AS signal
    FROM trends AS t, json_each(t.points) AS p;
    """

    /// v12: `trends` becomes a rowid table, its key a unique index. A row (about 1 KB with its
    /// points) is larger than a WITHOUT ROWID table keeps on its page (a quarter of it), so every row
    /// spilled into an overflow page of its own: 100 000 series took 249 MB instead of 108, and every
    /// reader of the figures read them all (`BENCHMARKS.md`). Columns, order and rows are kept.
    static let v12 = """
    CREATE TABLE trends_v12 (
        indicator          TEXT NOT NULL,
        org_unit           TEXT NOT NULL,
        frequency          TEXT NOT NULL,
        n                  INTEGER NOT NULL,
        \(trendFigureColumns)
        first_period       INTEGER,
        last_period        INTEGER,
        PRIMARY KEY (indicator, org_unit)
    );
    INSERT INTO trends_v12 (\(v12Columns))
    SELECT \(v12Columns) FROM trends ORDER BY indicator, org_unit;
    DROP VIEW trend_points;
    DROP TABLE trends;
    ALTER TABLE trends_v12 RENAME TO trends;
    \(trendPointsView)
    """

    /// v13: what `as_of: auto` needs of each series (`series_as_of`), which the gains stage keeps
    /// for the quarter of its last run, so that a night reads only the series that changed instead
    /// of every measurement. Empty here: the next gains run fills it.
    static let v13 = """
    CREATE TABLE series_as_of (
        series_id      INTEGER PRIMARY KEY,
        latest_quarter INTEGER,
        first_future   INTEGER,
        future_count   INTEGER NOT NULL
    );
    """

    /// v14: the run that computed each `trends` row (`run_id`), so that the report copies the rows
    /// no run computed since it last wrote from the files it wrote then. NULL in rows computed before
    /// (the report writes those again). The index gives the report which rows those are, and each
    /// indicator's latest period, without reading the rows (about 1 KB each with their points).
    static let v14 = """
    ALTER TABLE trends ADD COLUMN run_id INTEGER;
    CREATE INDEX trends_by_run ON trends(indicator, org_unit, run_id, last_period);
    """
}
