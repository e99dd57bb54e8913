// The ceiling of the measurement insert path: how fast raw sqlite3_bind_* with one prepared
// statement writes gevinst's `measurements` table (same DDL, trigger, pragmas, one transaction, WAL,
// synchronous NORMAL), with values that need no parsing, and records each series' (file, series)
// pair in `file_series` as the import does: one single-row statement when the series' first row
// comes. Run by benchmarks/run:
//
//     cc -O2 -o OUT/sqlite-ceiling benchmarks/sqlite-ceiling.c -lsqlite3
//     OUT/sqlite-ceiling DIR [series] [periods]
//
// Built with -DWITH_FILE_INDEX it has the schema before v11 instead: the index of every measurement
// by file (`measurements_by_file`) and no pairs, to show that index's price.
//
// Prints one line per variant: rows, wall seconds, rows per second, CPU seconds, rows per CPU second.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *schema =
    "CREATE TABLE series (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, org_unit TEXT NOT NULL,"
    " UNIQUE (indicator, org_unit));"
    "CREATE TABLE measurements (series_id INTEGER NOT NULL, period INTEGER NOT NULL, value REAL NOT NULL,"
    " file_id INTEGER NOT NULL, PRIMARY KEY (series_id, period)) WITHOUT ROWID;"
#ifdef WITH_FILE_INDEX
    "CREATE INDEX measurements_by_file ON measurements(file_id);"
#else
    "CREATE TABLE file_series (file_id INTEGER NOT NULL, series_id INTEGER NOT NULL,"
    " PRIMARY KEY (file_id, series_id)) WITHOUT ROWID;"
#endif
    "CREATE TABLE measurement_history (series_id INTEGER NOT NULL, period INTEGER NOT NULL, value REAL NOT NULL,"
    " file_id INTEGER NOT NULL, replaced_by_file_id INTEGER NOT NULL, new_value REAL);"
    "CREATE INDEX measurement_history_by_key ON measurement_history(series_id, period);"
    "CREATE TRIGGER measurements_keep_history BEFORE UPDATE OF value ON measurements"
    " WHEN old.value IS NOT new.value BEGIN"
    " INSERT INTO measurement_history (series_id, period, value, file_id, replaced_by_file_id, new_value)"
    " VALUES (old.series_id, old.period, old.value, old.file_id, new.file_id, new.value); END;";

static double clock_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/// CPU seconds of the last run (user + system): on a shared machine the wall time varies with
/// the load, the CPU time much less.
static double last_cpu;

static void check(int code, sqlite3 *db, const char *what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static sqlite3 *open_fresh(const char *dir, const char *name, const char *cache) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.sqlite", dir, name);
    remove(path);
    char extra[4200];
    snprintf(extra, sizeof extra, "%s-wal", path); remove(extra);
    snprintf(extra, sizeof extra, "%s-shm", path); remove(extra);
    sqlite3 *db;
    check(sqlite3_open(path, &db), db, "open");
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=%s;", cache);
    check(sqlite3_exec(db, pragmas, 0, 0, 0), db, "pragmas");
    check(sqlite3_exec(db, schema, 0, 0, 0), db, "schema");
    return db;
}

/// `sql` with its VALUES tuple repeated `batch` times.
static char *batched(const char *head, const char *tail, int batch) {
    size_t size = strlen(head) + strlen(tail) + (size_t)batch * 16 + 1;
    char *sql = malloc(size);
    strcpy(sql, head);
    for (int i = 0; i < batch; i++) strcat(sql, i ? ",(?,?,?,?)" : " VALUES (?,?,?,?)");
    strcat(sql, tail);
    return sql;
}

/// Inserts series × periods rows in key order, `batch` rows a statement, and each series' pair;
/// returns wall seconds (commit included) and sets `last_cpu`.
static double run(sqlite3 *db, const char *head, const char *tail, int batch, int series, int periods, long file) {
    char *sql = batched(head, tail, batch);
    sqlite3_stmt *statement;
    check(sqlite3_prepare_v2(db, sql, -1, &statement, 0), db, "prepare");
    free(sql);
#ifndef WITH_FILE_INDEX
    sqlite3_stmt *pair;
    check(sqlite3_prepare_v2(db, "INSERT INTO file_series (file_id, series_id) VALUES (?, ?) ON CONFLICT DO NOTHING", -1, &pair, 0),
          db, "prepare pair");
#endif
    double start = clock_seconds(CLOCK_MONOTONIC), cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0), db, "begin");
    int slot = 0;
    for (int s = 1; s <= series; s++) {
#ifndef WITH_FILE_INDEX
        sqlite3_bind_int64(pair, 1, file);
        sqlite3_bind_int64(pair, 2, s);
        check(sqlite3_step(pair), db, "pair");
        sqlite3_reset(pair);
#endif
        for (int k = 0; k < periods; k++) {
            int code = (2015 + k / 4) * 1000 + 101 + k % 4;
            sqlite3_bind_int64(statement, 4 * slot + 1, s);
            sqlite3_bind_int64(statement, 4 * slot + 2, code);
            sqlite3_bind_double(statement, 4 * slot + 3, 10.0 + (s * 7 + k * 13) % 1000 / 10.0);
            sqlite3_bind_int64(statement, 4 * slot + 4, file);
            if (++slot == batch) {
                check(sqlite3_step(statement), db, "step");
                sqlite3_reset(statement);
                slot = 0;
            }
        }
    }
    // (series × periods is a multiple of every batch size used below.)
    check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
    double seconds = clock_seconds(CLOCK_MONOTONIC) - start;
    last_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    sqlite3_finalize(statement);
#ifndef WITH_FILE_INDEX
    sqlite3_finalize(pair);
#endif
    return seconds;
}

static void report(const char *variant, long rows, double seconds) {
    printf("%s\t%ld\t%.3f\t%.0f\t%.3f\t%.0f\n", variant, rows, seconds, rows / seconds, last_cpu, rows / last_cpu);
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [series] [periods]\n", argv[0]);
        return 64;
    }
    const char *dir = argv[1];
    int series = argc > 2 ? atoi(argv[2]) : 100000;
    int periods = argc > 3 ? atoi(argv[3]) : 40;
    long rows = (long)series * periods;
    const char *insert = "INSERT INTO measurements (series_id, period, value, file_id)";
    const char *ignore = "INSERT OR IGNORE INTO measurements (series_id, period, value, file_id)";
    const char *upsert_tail =
        " ON CONFLICT(series_id, period) DO UPDATE SET value = excluded.value, file_id = excluded.file_id"
        " WHERE measurements.file_id <> excluded.file_id";
    printf("variant\trows\tseconds\trows_per_second\tcpu_seconds\trows_per_cpu_second\n");
    char name[200];
    sqlite3 *db;

    int batches[] = {1, 10, 40};
    for (int b = 0; b < 3; b++) {
        int batch = batches[b];
        db = open_fresh(dir, "ceiling", "-32768");
        snprintf(name, sizeof name, "insert, %d row(s) a statement", batch);
        report(name, rows, run(db, insert, "", batch, series, periods, 1));
        sqlite3_close(db);

        db = open_fresh(dir, "ceiling", "-32768");
        snprintf(name, sizeof name, "insert or ignore, %d row(s) a statement", batch);
        report(name, rows, run(db, ignore, "", batch, series, periods, 1));
        sqlite3_close(db);

        db = open_fresh(dir, "ceiling", "-32768");
        snprintf(name, sizeof name, "upsert (gevinst's statement), %d row(s) a statement", batch);
        report(name, rows, run(db, insert, upsert_tail, batch, series, periods, 1));
        if (batch == 1) {
            // The same rows again from another file with equal values: every row conflicts; the
            // trigger's WHEN is false, so no history rows.
            report("upsert, every key already present (same values), 1 row a statement", rows,
                   run(db, insert, upsert_tail, 1, series, periods, 2));
        }
        sqlite3_close(db);
    }

    db = open_fresh(dir, "ceiling", "-2000");
    report("insert, 1 row a statement, cache 2 MiB (SQLite default)", rows, run(db, insert, "", 1, series, periods, 1));
    sqlite3_close(db);
    return 0;
}
