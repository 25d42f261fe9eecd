import Foundation
import Synchronization

/// One service a process needs, and how to ask it whether it answers.
public struct ReadinessCheck: Sendable {
    /// The name `/readyz` reports it under: database, redis, memcached, rabbitmq, s3.
    public let name: String
    let probe: @Sendable () async throws -> Void

    public init(_ name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}

/// Whether every configured service answers: `GET /readyz`. The checks run at once, each bounded
/// by `timeout`, so a service that hangs makes the answer late by at most that much.
public struct Readiness: Sendable {
    public var checks: [ReadinessCheck]
    public var timeout: Duration

    public init(checks: [ReadinessCheck], timeout: Duration = .seconds(2)) {
        self.checks = checks
        self.timeout = timeout
    }

    /// What each service answered: nil for a service that answered, else why not.
    public func report() async -> [(name: String, failure: String?)] {
        await withTaskGroup(of: (Int, String?).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await Self.run(check, timeout: timeout)) }
            }
            var failures = [String?](repeating: nil, count: checks.count)
            for await (index, failure) in group { failures[index] = failure }
            return zip(checks, failures).map { ($0.name, $1) }
        }
    }

    /// Runs one probe, giving up after `timeout` without waiting for a probe that ignores cancellation.
    static func run(_ check: ReadinessCheck, timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            let answer = Answer(continuation)
            let probe = Task {
                do {
                    try await check.probe()
                    answer.give(nil)
                } catch {
                    answer.give(String(describing: error))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if answer.give("no answer within \(timeout)") { probe.cancel() }
            }
        }
    }

    /// Resumes its continuation once, with the first answer given.
    private final class Answer: Sendable {
        private let continuation: Mutex<CheckedContinuation<String?, Never>?>

        init(_ continuation: CheckedContinuation<String?, Never>) {
            self.continuation = Mutex(continuation)
        }

        @discardableResult
        func give(_ failure: String?) -> Bool {
            guard let continuation = continuation.withLock({ $0.take() }) else { return false }
            continuation.resume(returning: failure)
            return true
        }
    }
}
