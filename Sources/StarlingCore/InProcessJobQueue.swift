import Logging
import ServiceLifecycle
import Synchronization

/// The embedded `JobQueue`: a bounded pool of worker tasks in this process.
///
/// `enqueue` waits until the job has run, because nothing here survives a crash: only then may the
/// relay delete the job from the outbox. A failing job is retried with exponential backoff; when
/// every attempt failed, `enqueue` throws and the job stays in the outbox for a later relay pass.
/// On graceful shutdown, workers finish their current job and queued jobs are handed back.
public final class InProcessJobQueue: JobQueue, Service {
    /// How a failing job is retried inside the queue.
    public struct RetryPolicy: Sendable {
        public var attempts: Int
        public var firstDelay: Duration
        public var maximumDelay: Duration

        public init(attempts: Int = 4, firstDelay: Duration = .milliseconds(50), maximumDelay: Duration = .seconds(2)) {
            self.attempts = attempts
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }

        /// The wait before attempt `attempt + 1` (attempt counts from 1).
        public func delay(after attempt: Int) -> Duration {
            min(firstDelay * (1 << min(attempt - 1, 20)), maximumDelay)
        }
    }

    /// The queue stopped taking jobs; the job stays in the outbox.
    public struct ShutDown: Error {}

    private struct Item: Sendable {
        let job: Job
        let done: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queued: [Item] = []
        var idleWorkers: [CheckedContinuation<Item?, Never>] = []
        var closed = false
    }

    private let handlers: JobHandlers
    private let workers: Int
    private let retry: RetryPolicy
    private let logger: Logger
    private let state = Mutex(State())

    public init(handlers: JobHandlers, workers: Int = 4, retry: RetryPolicy = RetryPolicy(), logger: Logger) {
        precondition(workers > 0)
        self.handlers = handlers
        self.workers = workers
        self.retry = retry
        self.logger = logger
    }

    public func enqueue(_ job: Job) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let item = Item(job: job, done: done)
            let outcome: (worker: CheckedContinuation<Item?, Never>?, closed: Bool) = state.withLock { state in
                if state.closed { return (nil, true) }
                if !state.idleWorkers.isEmpty { return (state.idleWorkers.removeFirst(), false) }
                state.queued.append(item)
                return (nil, false)
            }
            if outcome.closed { done.resume(throwing: ShutDown()) }
            outcome.worker?.resume(returning: item)
        }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for _ in 0..<workers {
                group.addTask { await self.work() }
            }
            try? await gracefulShutdown()
            close()
        }
    }

    private func work() async {
        while let item = await nextItem() {
            do {
                try await execute(item.job)
                item.done.resume()
            } catch {
                item.done.resume(throwing: error)
            }
        }
    }

    private func nextItem() async -> Item? {
        await withCheckedContinuation { (worker: CheckedContinuation<Item?, Never>) in
            let ready: Item?? = state.withLock { state in
                if state.closed { return .some(nil) }
                if !state.queued.isEmpty { return .some(state.queued.removeFirst()) }
                state.idleWorkers.append(worker)
                return .none
            }
            if let ready { worker.resume(returning: ready) }
        }
    }

    private func close() {
        let (queued, idle) = state.withLock { state in
            state.closed = true
            defer { state.queued = []; state.idleWorkers = [] }
            return (state.queued, state.idleWorkers)
        }
        for item in queued { item.done.resume(throwing: ShutDown()) }
        for worker in idle { worker.resume(returning: nil) }
    }

    private func execute(_ job: Job) async throws {
        var attempt = 1
        while true {
            do {
                try await handlers.run(job)
                return
            } catch {
                logger.warning("job failed", metadata: [
                    "job.id": "\(job.id)", "job.name": "\(job.name)", "attempt": "\(attempt)", "error": "\(error)",
                ])
                guard attempt < retry.attempts, !(error is JobHandlers.UnknownJob) else { throw error }
                try await Task.sleep(for: retry.delay(after: attempt))
                attempt += 1
            }
        }
    }
}
