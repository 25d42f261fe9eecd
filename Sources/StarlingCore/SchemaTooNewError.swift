/// The database was written by a newer Starling than this one: this binary refuses to touch it.
public struct SchemaTooNewError: Error, CustomStringConvertible {
    public let databaseVersion: Int
    public let binaryVersion: Int

    public init(databaseVersion: Int, binaryVersion: Int) {
        self.databaseVersion = databaseVersion
        self.binaryVersion = binaryVersion
    }

    public var description: String {
        "The database schema is at version \(databaseVersion), newer than this starling binary knows (\(binaryVersion)). "
            + "Run a newer starling, or restore a database made by this version."
    }
}
