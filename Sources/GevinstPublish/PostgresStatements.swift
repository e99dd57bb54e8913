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

    /// Table name and digest of each slice of `municipality` as last replaced.
    static func storedDigests(_ municipality: String) -> PostgresQuery {
        "SELECT table_name, digest FROM slices WHERE municipality = \(municipality)"
    }

    static func deleteSlice(_ table: String, _ municipality: String) -> PostgresQuery {
        "DELETE FROM \(unescaped: table) WHERE municipality = \(municipality)"
    }

    static func recordSlice(_ table: String, _ municipality: String, digest: String, rows: Int) -> PostgresQuery {
        """
        INSERT INTO slices (municipality, table_name, digest, row_count, replaced_at)
        VALUES (\(municipality), \(table), \(digest), \(rows), now())
        ON CONFLICT (municipality, table_name) DO UPDATE
        SET digest = excluded.digest, row_count = excluded.row_count, replaced_at = excluded.replaced_at
        """
    }

    static func recordPublish(_ municipality: String, pipeline: String, fingerprint: String, changed: [String], rows: Int) -> PostgresQuery {
        """
        INSERT INTO publishes (municipality, pipeline, fingerprint, changed, row_count)
        VALUES (\(municipality), \(pipeline), \(fingerprint), \(changed), \(rows))
        """
    }
}
