import Foundation
import PostgresNIO

/// A PostgreSQL URL that cannot be used, with what is wrong.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
