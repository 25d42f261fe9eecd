/// How often and how far apart a failing job is tried before it is dead.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all; the job is dead after this many failures.
    public var maxAttempts: Int
    /// The wait after the first failure, in microseconds; it doubles after each further failure.
    public var firstDelay: Int64
    /// The longest wait between two attempts, in microseconds.
    public var maximumDelay: Int64

    public init(maxAttempts: Int = 10, firstDelay: Int64 = 500_000, maximumDelay: Int64 = 600_000_000) {
        precondition(maxAttempts > 0 && firstDelay >= 0 && maximumDelay >= firstDelay)
        self.maxAttempts = maxAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait after the `failures`-th failure (counting from 1), in microseconds.
    public func delay(afterFailures failures: Int) -> Int64 {
        let doublings = min(max(failures - 1, 0), 40)
        let delay = firstDelay.multipliedReportingOverflow(by: Int64(1) << doublings)
        return delay.overflow ? maximumDelay : min(delay.partialValue, maximumDelay)
    }
}
