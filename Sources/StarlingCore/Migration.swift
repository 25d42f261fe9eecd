/// One step of the schema, applied once, in order, in a transaction.
///
/// Every SQL dialect numbers and names its steps alike, so a version means the same schema on
/// SQLite and on PostgreSQL; only the statements differ. Append steps, never edit one.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
