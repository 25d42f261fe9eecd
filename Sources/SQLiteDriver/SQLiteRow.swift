/// One row of a statement's result: its values by column name.
public struct SQLiteRow: Sendable {
    /// The result's column names, in order, shared by all its rows.
    public let columnNames: [String]
    /// The values, in the order of `columnNames`.
    public let values: [SQLiteData]

    public init(columnNames: [String], values: [SQLiteData]) {
        self.columnNames = columnNames
        self.values = values
    }

    /// The value of the first column named `name`, or nil if the result has no such column.
    ///
    /// A linear search: results have a handful of short names, which compare faster than a
    /// dictionary would hash them, and no index has to be built per result.
    public func column(_ name: String) -> SQLiteData? {
        guard let index = columnNames.firstIndex(of: name), index < values.count else { return nil }
        return values[index]
    }
}
