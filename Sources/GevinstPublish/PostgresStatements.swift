import PostgresNIO

/// Every statement publish sends to PostgreSQL, by name, as the warehouse keeps its SQLite
/// statements in its queries. Values are bound; names (the schema, a published table) are checked
/// plain identifiers. Run within the transaction's `search_path`, except those that take `schema`.
enum PostgresStatements {
    /// Holds `key` until the transaction ends: one migration, or one publish of a slice, at a time.
    static func lock(_ key: String) -> PostgresQuery {
        "SELECT pg_advisory_xact_lock(hashtext(\(key)))"
    }

    static func createSchema(_ schema: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)")
    }

    /// The versions applied, created empty the first time.
    static func createMigrations(_ schema: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS \(schema).schema_migrations (
                version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """)
    }

    static func currentVersion(_ schema: String) -> PostgresQuery {
        "SELECT coalesce(max(version), 0) FROM \(unescaped: schema).schema_migrations"
    }

    static func recordMigration(_ schema: String, version: Int) -> PostgresQuery {
        "INSERT INTO \(unescaped: schema).schema_migrations (version) VALUES (\(version))"
    }

    static func useSchema(_ schema: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)")
    }

    /// Table name, digest, partition (where recorded) and the partition's size in bytes (0 where
    /// unknown) of each slice of `municipality` as last replaced.
    static func storedDigests(_ municipality: String) -> PostgresQuery {
        """
        SELECT table_name, digest, row_count, partition, coalesce(pg_table_size(to_regclass(partition)), 0)
        FROM slices WHERE municipality = \(municipality)
        """
    }

    /// The comment that marks a table the second connection built and committed for `municipality`
    /// and the publishing transaction has not attached yet.
    static func unattachedMark(_ municipality: String) -> String {
        "gevinst publish of \(municipality): not yet attached"
    }

    /// The tables of `schema` marked unattached for `municipality` (quoted names): what a publish
    /// killed between the second connection's commit and its own leaves. Only plain tables that are
    /// no partition are looked at, a few at most.
    static func unattached(_ schema: String, _ municipality: String) -> PostgresQuery {
        """
        SELECT quote_ident(c.relname) FROM pg_class AS c
        WHERE c.relnamespace = \(schema)::text::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
          AND obj_description(c.oid, 'pg_class') = \(unattachedMark(municipality))
        """
    }

    /// Marks a table built on the second connection as `municipality`'s until it is attached.
    static func markUnattached(_ name: String, _ municipality: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "COMMENT ON TABLE \(name) IS \(literal(unattachedMark(municipality)))")
    }

    /// Removes the mark from a table attached as a partition.
    static func unmark(_ name: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "COMMENT ON TABLE \(name) IS NULL")
    }

    /// A fresh number for a partition's name (`<table>_<n>`).
    static let partitionNumber: PostgresQuery = "SELECT nextval('partition_numbers')"

    /// A published table's column definitions as a `CREATE TABLE` list (name, type, collation where
    /// not the type's, NOT NULL) and its primary key constraint, if any, read from the catalog:
    /// a new partition gets exactly its parent's layout without locking the parent.
    static func layout(_ schema: String, _ table: String) -> PostgresQuery {
        """
        SELECT string_agg(format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || quote_ident(c.collname) ELSE '' END,
                   CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END), ', ' ORDER BY a.attnum),
               (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k
                WHERE k.conrelid = \("\(schema).\(table)")::regclass AND k.contype = 'p')
        FROM pg_attribute AS a JOIN pg_type AS t ON t.oid = a.atttypid LEFT JOIN pg_collation AS c ON c.oid = a.attcollation
        WHERE a.attrelid = \("\(schema).\(table)")::regclass AND a.attnum > 0 AND NOT a.attisdropped
        """
    }

    /// Each published table of `schema` and its partition that holds `municipality`'s slice, from
    /// the catalog: where `slices` does not say (a municipality's first publish, a schema migrated
    /// from version 1). It reads every partition's bound, so it costs more the more there are.
    static func partitions(_ schema: String, _ municipality: String) -> PostgresQuery {
        """
        SELECT p.relname::text, c.relname::text FROM pg_inherits AS i
        JOIN pg_class AS c ON c.oid = i.inhrelid JOIN pg_class AS p ON p.oid = i.inhparent
        WHERE p.relnamespace = \(schema)::text::regnamespace
          AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (' || quote_literal(\(municipality)) || ')'
        """
    }

    /// Every row of a municipality's partition (a slice replaced in place).
    static func deleteAll(_ partition: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "DELETE FROM \(partition)")
    }

    /// The municipality's first partition of `table`, with the parent's indexes.
    static func createPartition(_ name: String, of table: String, _ municipality: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "CREATE TABLE \(name) PARTITION OF \(table) FOR VALUES IN (\(literal(municipality)))")
    }

    /// A table to become `municipality`'s partition, with a check that matches its partition bound,
    /// so that attaching it does not scan it again. The check, made with the table, is tested as
    /// each row is copied in, cheaper than a scan of the loaded table.
    static func createTable(_ name: String, columns: String, _ municipality: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "CREATE TABLE \(name) (\(columns), CHECK (municipality = \(literal(municipality))))")
    }

    /// The new partition's primary key, built at once from the loaded rows (a sort instead of an
    /// index insert per row).
    static func addPrimaryKey(_ name: String, _ primaryKey: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "ALTER TABLE \(name) ADD \(primaryKey)")
    }

    static func detach(_ table: String, _ partition: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DETACH PARTITION \(partition)")
    }

    static func drop(_ partition: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "DROP TABLE \(partition)")
    }

    static func attach(_ table: String, _ partition: String, _ municipality: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ATTACH PARTITION \(partition) FOR VALUES IN (\(literal(municipality)))")
    }

    /// A text literal for DDL, where values cannot be bound (a municipality is letters, digits, `-`, `_`).
    private static func literal(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    static func recordSlice(_ table: String, _ municipality: String, digest: String, rows: Int, partition: String) -> PostgresQuery {
        """
        INSERT INTO slices (municipality, table_name, digest, row_count, replaced_at, partition)
        VALUES (\(municipality), \(table), \(digest), \(rows), now(), \(partition))
        ON CONFLICT (municipality, table_name) DO UPDATE
        SET digest = excluded.digest, row_count = excluded.row_count, replaced_at = excluded.replaced_at, partition = excluded.partition
        """
    }

    static func recordPublish(_ municipality: String, pipeline: String, fingerprint: String, changed: [String], rows: Int) -> PostgresQuery {
        """
        INSERT INTO publishes (municipality, pipeline, fingerprint, changed, row_count)
        VALUES (\(municipality), \(pipeline), \(fingerprint), \(changed), \(rows))
        """
    }
}
