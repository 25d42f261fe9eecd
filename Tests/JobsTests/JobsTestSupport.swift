import Jobs
import Logging
import ServiceLifecycle
import StarlingCore
import Synchronization
import Testing

/// Runs `services` while `body` runs, then shuts them down gracefully.
func withServices<T: Sendable>(_ services: [any Service], _ body: () async throws -> T) async throws -> T {
    let group = ServiceGroup(services: services, logger: quietLogger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()

struct Ping: JobPayload {
    static let jobName = "ping"
    var n: Int64
}

struct Flaky: Error {}

/// Handlers where a `Ping` with a negative number always fails; every attempt is counted by number.
func countingHandlers() -> (JobHandlers, Runs) {
    let runs = Runs()
    var handlers = JobHandlers()
    handlers.register(Ping.self) { ping in
        runs.record(ping.n)
        if ping.n < 0 { throw Flaky() }
    }
    return (handlers, runs)
}

/// Attempts by job number, and how many failing attempts had run when each succeeding job ran.
final class Runs: Sendable {
    private let counts = Mutex<(attempts: [Int64: Int], failuresBefore: [Int64: Int])>(([:], [:]))

    func record(_ n: Int64) {
        counts.withLock { state in
            state.attempts[n, default: 0] += 1
            if n >= 0 { state.failuresBefore[n] = state.attempts.filter { $0.key < 0 }.values.reduce(0, +) }
        }
    }

    func withLock<T: Sendable>(_ body: (inout [Int64: Int]) -> T) -> T {
        counts.withLock { body(&$0.attempts) }
    }

    /// Failing attempts run before job `n` ran.
    func failures(before n: Int64) -> Int? {
        counts.withLock { $0.failuresBefore[n] }
    }

    /// Failing attempts so far.
    var failures: Int {
        counts.withLock { $0.attempts.filter { $0.key < 0 }.values.reduce(0, +) }
    }
}

/// A worker over `outbox` that polls often.
func worker(_ outbox: any OutboxStore, _ handlers: JobHandlers, clock: any WallClock = SystemWallClock(),
            policy: RetryPolicy = RetryPolicy(), workers: Int = 2) -> OutboxWorker {
    OutboxWorker(outbox: outbox, runner: JobRunner(handlers: handlers, policy: policy, clock: clock, logger: quietLogger),
                 clock: clock, logger: quietLogger, workers: workers, pollInterval: .milliseconds(20))
}

/// Waits up to `seconds` (generous: the whole suite shares two cores) for `condition`.
func eventually(seconds: Int = 30, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        try #require(ContinuousClock.now < deadline, "timed out")
        try await Task.sleep(for: .milliseconds(10))
    }
}
