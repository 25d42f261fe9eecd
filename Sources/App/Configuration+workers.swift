/// The concurrency of each broker queue's consumer in a `starling worker`: fanout work and
/// everything else are sized separately (a celebrity's fanout batches are long, notifications
/// short), each defaulting to `jobWorkers`.
extension Configuration {
    /// The most jobs one consumer may run at once (its prefetch is a 16-bit number).
    static let maximumQueueWorkers = 1_000

    static func resolveQueueWorkers(_ values: [String: String], environment: [String: String],
                                    into configuration: inout Configuration) throws {
        try configuration.setQueueWorkers(fanout: values["fanout-workers"], default: values["default-workers"])
        if let text = environment["STARLING_TEST_FANOUT_BATCH_PAUSE_MS"], !text.isEmpty {
            guard let pause = Int(text), (1...60_000).contains(pause) else {
                throw ConfigurationError("STARLING_TEST_FANOUT_BATCH_PAUSE_MS must be 1–60000, not \(text)")
            }
            configuration.testFanoutBatchPauseMilliseconds = pause
        }
    }

    /// Sets the fanout and default queues' worker counts from text (`--fanout-workers`,
    /// `--default-workers`); nil leaves one as it is.
    public mutating func setQueueWorkers(fanout: String?, default defaultQueue: String?) throws {
        if let fanout { fanoutWorkers = try Self.queueWorkers(fanout, name: "fanout-workers") }
        if let defaultQueue { defaultWorkers = try Self.queueWorkers(defaultQueue, name: "default-workers") }
    }

    /// The fanout queue's consumer concurrency and prefetch.
    public var fanoutQueueWorkers: Int { fanoutWorkers ?? jobWorkers }
    /// The default queue's consumer concurrency and prefetch.
    public var defaultQueueWorkers: Int { defaultWorkers ?? jobWorkers }

    private static func queueWorkers(_ text: String, name: String) throws -> Int {
        guard let workers = Int(text), (1...maximumQueueWorkers).contains(workers) else {
            throw ConfigurationError("\(name) must be 1–\(maximumQueueWorkers), not \(text)")
        }
        return workers
    }
}
