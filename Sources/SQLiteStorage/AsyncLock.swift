import StarlingCore

/// A first-come, first-served lock for async code: serializes the transactions on the one
/// SQLite writer connection, across suspension points where an actor would interleave.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        guard locked else {
            locked = true
            return
        }
        let started = ContinuousClock.now
        await withCheckedContinuation { waiters.append($0) }
        StarlingMetrics.storePoolWait(store: "sqlite", waited: ContinuousClock.now - started)
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` holding the lock.
    nonisolated func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await lock()
        do {
            let result = try await body()
            await unlock()
            return result
        } catch {
            await unlock()
            throw error
        }
    }
}
