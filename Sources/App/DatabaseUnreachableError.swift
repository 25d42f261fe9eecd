import Foundation
import Logging
import PostgresStorage
import SQLiteStorage
import ServiceLifecycle
import StarlingCore

/// The configured PostgreSQL server did not answer at start-up.
public struct DatabaseUnreachableError: Error, CustomStringConvertible {
    public let location: PostgresLocation

    public var description: String {
        "PostgreSQL at \(location) cannot be reached or refused the login: is it running, and is the database URL right?"
    }
}
