/// The handlers of every job, by name. Built once by the composition root.
public struct JobHandlers: Sendable {
    public typealias Handler = @Sendable (Job) async throws -> Void
    private var handlers: [String: Handler] = [:]

    public init() {}

    /// Registers the handler of one payload type.
    public mutating func register<Payload: JobPayload>(
        _ type: Payload.Type, _ handler: @escaping @Sendable (Payload) async throws -> Void
    ) {
        handlers[Payload.jobName] = { job in try await handler(try job.decode(Payload.self)) }
    }

    /// Runs the job's handler.
    public func run(_ job: Job) async throws {
        guard let handler = handlers[job.name] else { throw UnknownJob(name: job.name) }
        try await handler(job)
    }

    /// A job no handler is registered for (written by a newer release, say). It is dead at once.
    public struct UnknownJob: Error, Sendable {
        public let name: String
    }
}
