/// Told of every statement a SQL store sends. Production stores have none; tests give theirs one
/// (`StarlingTestKit.StatementTally`) to count the round trips a request costs.
public protocol StatementObserver: Sendable {
    /// One statement was sent.
    func statementSent()
}
