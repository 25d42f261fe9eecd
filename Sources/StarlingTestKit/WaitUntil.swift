import Testing

/// Polls `condition` every 10 ms until it holds, failing the test after `seconds` (a guard
/// against a hang, not a measure).
public func waitUntil(_ what: Comment, seconds: Int = 5, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        try #require(ContinuousClock.now < deadline, what)
        try await Task.sleep(for: .milliseconds(10))
    }
}
