import Logging
import ServiceLifecycle
import StarlingCore
import Synchronization
import HTTPTypes
import Testing

private struct Ping: JobPayload {
    static let jobName = "ping"
    var n: Int64
}

private struct Flaky: Error {}

/// Runs `services` while `body` runs, then shuts them down gracefully.
func withServices(_ services: [any Service], _ body: () async throws -> Void) async throws {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let group = ServiceGroup(services: services, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

@Suite struct JobQueueTests {
    let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    @Test func aFailingJobIsRetriedWithBackoffUntilItSucceeds() async throws {
        let attempts = Atomic<Int>(0)
        var handlers = JobHandlers()
        handlers.register(Ping.self) { _ in
            if attempts.add(1, ordering: .relaxed).newValue < 3 { throw Flaky() }
        }
        let queue = InProcessJobQueue(handlers: handlers, workers: 1,
                                      retry: .init(attempts: 5, firstDelay: .milliseconds(1)), logger: logger)
        try await withServices([queue]) {
            try await queue.enqueue(Job(id: 1, Ping(n: 1)))
        }
        #expect(attempts.load(ordering: .relaxed) == 3)
    }

    @Test func aJobThatKeepsFailingIsHandedBack() async throws {
        var handlers = JobHandlers()
        handlers.register(Ping.self) { _ in throw Flaky() }
        let queue = InProcessJobQueue(handlers: handlers, workers: 1,
                                      retry: .init(attempts: 2, firstDelay: .milliseconds(1)), logger: logger)
        try await withServices([queue]) {
            await #expect(throws: Flaky.self) { try await queue.enqueue(Job(id: 1, Ping(n: 1))) }
            await #expect(throws: JobHandlers.UnknownJob.self) { try await queue.enqueue(Job(id: 2, name: "nope", payload: "{}")) }
        }
    }

    @Test func workersBoundTheConcurrency() async throws {
        let running = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        var handlers = JobHandlers()
        handlers.register(Ping.self) { _ in
            let now = running.add(1, ordering: .relaxed).newValue
            peak.max(now, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(5))
            running.subtract(1, ordering: .relaxed)
        }
        let queue = InProcessJobQueue(handlers: handlers, workers: 3, logger: logger)
        try await withServices([queue]) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<30 { group.addTask { try await queue.enqueue(Job(id: Int64(n + 1), Ping(n: Int64(n)))) } }
                try await group.waitForAll()
            }
        }
        #expect(peak.load(ordering: .relaxed) == 3)
    }

    @Test func theRelayDeliversEveryOutboxJobOnceAndEmptiesTheOutbox() async throws {
        let seen = Mutex<[Int64]>([])
        var handlers = JobHandlers()
        handlers.register(Ping.self) { ping in seen.withLock { $0.append(ping.n) } }
        let queue = InProcessJobQueue(handlers: handlers, workers: 2, logger: logger)
        let outbox = MemoryOutbox()
        for n in Int64(1)...20 { await outbox.append(Job(id: n, Ping(n: n))) }
        let relay = OutboxRelay(outbox: outbox, queue: queue, logger: logger, pollInterval: .milliseconds(20))
        try await withServices([queue, relay]) {
            try await relay.waitUntilIdle()
        }
        #expect(seen.withLock { $0.sorted() } == Array(1...20))
        #expect(await outbox.pending(limit: 100).isEmpty)
    }

    @Test func aJobTheQueueCannotRunStaysInTheOutbox() async throws {
        var handlers = JobHandlers()
        handlers.register(Ping.self) { _ in throw Flaky() }
        let queue = InProcessJobQueue(handlers: handlers, workers: 1, retry: .init(attempts: 1), logger: logger)
        let outbox = MemoryOutbox()
        await outbox.append(Job(id: 1, Ping(n: 1)))
        let relay = OutboxRelay(outbox: outbox, queue: queue, logger: logger, pollInterval: .milliseconds(10))
        try await withServices([queue, relay]) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await outbox.pending(limit: 10).map(\.id) == [1])
    }
}
