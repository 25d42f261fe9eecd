// The system's SQLite (Debian: libsqlite3-dev), for SQLiteDriver.
#include <sqlite3.h>
