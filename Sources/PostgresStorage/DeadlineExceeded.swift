import Synchronization

/// The database did not answer in time.
struct DeadlineExceeded: Error, CustomStringConvertible {
    let timeout: Duration
    var description: String { "the database did not answer within \(timeout)" }
}
