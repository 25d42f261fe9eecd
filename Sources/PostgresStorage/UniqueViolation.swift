import NIOCore
import PostgresNIO
import StarlingCore
import _ConnectionPoolModule

/// A row was refused because it repeats a unique key; `constraint` names the key.
struct UniqueViolation: Error {
    let constraint: String
}
