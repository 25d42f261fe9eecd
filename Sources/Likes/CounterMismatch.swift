/// One counter that differs from the rows it counts.
public struct CounterMismatch: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var id: Int64
    public var column: String
    public var stored: Int
    public var actual: Int

    public init(table: String, id: Int64, column: String, stored: Int, actual: Int) {
        self.table = table
        self.id = id
        self.column = column
        self.stored = stored
        self.actual = actual
    }

    public var description: String { "\(table) \(id): \(column) is \(stored), rows say \(actual)" }
}
