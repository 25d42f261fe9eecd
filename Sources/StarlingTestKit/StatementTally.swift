import StarlingCore
import Synchronization

/// Counts the statements the stores run for the current task and its children, while one is set
/// (`StatementTally.$current.withValue`): tests count the round trips one request costs, whatever
/// runs beside it. Only stores opened by tests report to it, through `StatementTally.observer`.
public final class StatementTally: Sendable {
    @TaskLocal public static var current: StatementTally?

    /// The observer test stores are opened with: adds each statement to the current tally.
    public static let observer: any StatementObserver = CurrentTally()

    private let count = Atomic<Int>(0)

    public init() {}

    public var value: Int { count.load(ordering: .relaxed) }

    private struct CurrentTally: StatementObserver {
        func statementSent() {
            StatementTally.current?.count.add(1, ordering: .relaxed)
        }
    }
}
