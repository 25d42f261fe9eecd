import NIOCore
import Synchronization

/// A Swift `TaskExecutor` that runs jobs on one NIO event loop: a connection's requests are
/// handled on the loop that reads and writes its socket, so a request's awaits on that loop's
/// channels (the HTTP response, a Redis reply) resume without waking another thread.
///
/// Jobs wait in a queue of their own, drained by one event-loop task at a time: a job that
/// enqueues the next (a request's chain of awaits) has it run in the same drain, not one
/// event-loop iteration (and one `epoll_wait`) later. A drain yields to the loop's I/O after
/// `batch` jobs.
public final class EventLoopTaskExecutor: TaskExecutor {
    private struct Queue {
        var jobs = CircularBuffer<UnownedJob>(initialCapacity: 64)
        var draining = false
    }

    public let eventLoop: any EventLoop
    private let queue = Mutex(Queue())
    private let batch = 256

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let startDrain = queue.withLock { queue in
            queue.jobs.append(job)
            guard !queue.draining else { return false }
            queue.draining = true
            return true
        }
        if startDrain { eventLoop.execute { self.drain() } }
    }

    private func drain() {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<batch {
            let next = queue.withLock { queue -> UnownedJob? in
                if let job = queue.jobs.popFirst() { return job }
                queue.draining = false
                return nil
            }
            guard let next else { return }
            next.runSynchronously(on: executor)
        }
        eventLoop.execute { self.drain() }
    }

    /// The executor of `eventLoop`, one per loop for the process's life.
    public static func on(_ eventLoop: any EventLoop) -> EventLoopTaskExecutor {
        let key = ObjectIdentifier(eventLoop)
        return executors.withLock { executors in
            if let executor = executors[key] { return executor }
            let executor = EventLoopTaskExecutor(eventLoop)
            executors[key] = executor
            return executor
        }
    }

    private static let executors = Mutex<[ObjectIdentifier: EventLoopTaskExecutor]>([:])
}
