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
        runs.withLock { $0[ping.n, default: 0] += 1 }
        if ping.n < 0 { throw Flaky() }
    }
    return (handlers, runs)
}

/// Attempts by job number.
final class Runs: Sendable {
    private let counts = Mutex<[Int64: Int]>([:])

    func withLock<T: Sendable>(_ body: (inout [Int64: Int]) -> T) -> T {
        counts.withLock { body(&$0) }
    }
}

/// A worker over `outbox` that polls often.
func worker(_ outbox: any OutboxStore, _ handlers: JobHandlers, clock: any WallClock = SystemWallClock(),
            policy: RetryPolicy = RetryPolicy(), workers: Int = 2) -> OutboxWorker {
    OutboxWorker(outbox: outbox, runner: JobRunner(handlers: handlers, policy: policy, clock: clock, logger: quietLogger),
                 clock: clock, logger: quietLogger, workers: workers, pollInterval: .milliseconds(20))
}

/// Waits up to `seconds` for `condition`.
func eventually(seconds: Int = 10, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        try #require(ContinuousClock.now < deadline, "timed out")
        try await Task.sleep(for: .milliseconds(10))
    }
}
