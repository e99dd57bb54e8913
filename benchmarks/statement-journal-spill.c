// Why gevinst leaves SQLite's statement journal spill threshold at its default: on Debian 12's
// SQLite (3.40.1) a threshold of 256 KiB or more (SQLITE_CONFIG_STMTJRNL_SPILL) makes a statement
// whose journal outgrows it fail with SQLITE_FULL ("database or disk is full") when the journal
// moves to its temporary file. The statement here is the shape of migration v12: in one
// transaction, a table of 100 000 rows of about 1 KB copied into a new one and the old one dropped.
//
//     cc -O2 -o /tmp/statement-journal-spill benchmarks/statement-journal-spill.c -lsqlite3
//     /tmp/statement-journal-spill DIR
//
// Prints one line per threshold (bytes; 0 for SQLite's default of 64 KiB, -1 for never spilling):
// the result code and message. Each threshold runs in a process of its own, as sqlite3_config
// must come before SQLite's first use.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int run(const char *directory, int spill) {
    if (spill != 0 && sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, spill) != SQLITE_OK) return -1;
    char path[4096];
    snprintf(path, sizeof path, "%s/spill-%d.sqlite", directory, spill);
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    const char *sql =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
        "CREATE TABLE t (k TEXT NOT NULL, u TEXT NOT NULL, p TEXT NOT NULL, PRIMARY KEY (k, u)) WITHOUT ROWID;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
        " INSERT INTO t SELECT printf('k%03d', i % 200), printf('u%06d', i), hex(randomblob(500)) FROM n;"
        "BEGIN; CREATE TABLE t2 (k TEXT NOT NULL, u TEXT NOT NULL, p TEXT NOT NULL, PRIMARY KEY (k, u));"
        "INSERT INTO t2 SELECT * FROM t ORDER BY k, u; DROP TABLE t; ALTER TABLE t2 RENAME TO t; COMMIT;";
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    printf("spill %8d: rc %d %s\n", spill, rc, message ? message : "ok");
    sqlite3_free(message);
    sqlite3_close(db);
    unlink(path);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 64;
    }
    int thresholds[] = {0, 65536, 131072, 262144, 1 << 20, 4 << 20, -1};
    for (size_t i = 0; i < sizeof thresholds / sizeof thresholds[0]; i++) {
        fflush(stdout);
        pid_t child = fork();
        if (child == 0) exit(run(argv[1], thresholds[i]) == SQLITE_OK ? 0 : 1);
        waitpid(child, NULL, 0);
    }
    return 0;
}
