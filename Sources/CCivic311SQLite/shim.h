#ifndef CCIVIC311SQLITE_SHIM_H
#define CCIVIC311SQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot call C variadic functions, so the few sqlite3_db_config calls the store makes are
// wrapped here. The SQLITE_TRANSIENT destructor is a macro that does not import either.

/// Turns on defensive mode: no writes to the schema or shadow tables through ordinary SQL, so a
/// stray statement cannot corrupt the file.
static inline int civic311_sqlite3_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}

/// Keeps double-quoted strings from being read as string literals, so a misspelt column name is
/// an error rather than a silent constant.
static inline int civic311_sqlite3_disable_double_quoted_strings(sqlite3 *db) {
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
}

/// Tells SQLite to copy bound text and blobs before the bind call returns.
static inline sqlite3_destructor_type civic311_sqlite3_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
