import Synchronization
import Testing

/// Gives each test case its own lifetime for the PostgreSQL databases it opens: their pools run
/// while the test runs, then are shut down and the databases dropped, whether the test passed or
/// not. Put it on every suite that runs on `Backend.allCases`: `@Suite(.testDatabases)`.
public struct TestDatabases: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        let scope = Scope()
        do {
            try await Self.$current.withValue(scope) { try await function() }
        } catch {
            await scope.close()
            throw error
        }
        await scope.close()
    }

    /// The scope of the running test case, if its suite has the trait.
    @TaskLocal static var current: Scope?

    /// Registers `cleanUp` to run when the current test case ends. Throws when no scope is open,
    /// rather than leave a pool running for the rest of the process.
    static func onEnd(_ cleanUp: @escaping @Sendable () async -> Void) throws {
        guard let scope = current else { throw MissingTrait() }
        scope.add(cleanUp)
    }

    /// What one test case must clean up, run newest first.
    final class Scope: Sendable {
        private let cleanUps = Mutex<[@Sendable () async -> Void]>([])

        func add(_ cleanUp: @escaping @Sendable () async -> Void) {
            cleanUps.withLock { $0.append(cleanUp) }
        }

        func close() async {
            let pending = cleanUps.withLock { cleanUps in
                defer { cleanUps = [] }
                return cleanUps
            }
            for cleanUp in pending.reversed() { await cleanUp() }
        }
    }

    struct MissingTrait: Error, CustomStringConvertible {
        var description: String { "a test that opens a PostgreSQL database needs `@Suite(.testDatabases)` on its suite" }
    }
}

extension Trait where Self == TestDatabases {
    /// See `TestDatabases`.
    public static var testDatabases: Self { TestDatabases() }
}
