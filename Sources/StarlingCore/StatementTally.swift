import Synchronization

/// Counts the statements the stores run for the current task and its children, while one is set
/// (`StatementTally.$current.withValue`): tests count the round trips one request costs, whatever
/// runs beside it. Each SQL store records every statement it sends.
public final class StatementTally: Sendable {
    @TaskLocal public static var current: StatementTally?

    private let count = Atomic<Int>(0)

    public init() {}

    public var value: Int { count.load(ordering: .relaxed) }

    /// Adds one statement to the current tally, if there is one.
    public static func record() {
        current?.count.add(1, ordering: .relaxed)
    }
}
