import NIOCore
import Synchronization

/// The embedded `KeyValueCache`: an in-process LRU with per-entry expiry.
public final class MemoryKeyValueCache: KeyValueCache {
    private struct Entry {
        var value: ByteBuffer
        var expiresAt: Int64
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var tick: UInt64 = 0
    }

    private let clock: any WallClock
    private let capacity: Int
    private let state = Mutex(State())

    /// - Parameter capacity: entries kept; the least recently used go first.
    public init(clock: any WallClock, capacity: Int = 100_000) {
        self.clock = clock
        self.capacity = capacity
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        let now = clock.nowMicros()
        return state.withLock { state in
            var found: [String: ByteBuffer] = [:]
            for key in keys {
                guard var entry = state.entries[key] else { continue }
                guard entry.expiresAt > now else {
                    state.entries[key] = nil
                    continue
                }
                state.tick += 1
                entry.lastUsed = state.tick
                state.entries[key] = entry
                found[key] = entry.value
            }
            return found
        }
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        let expiresAt = clock.nowMicros() + Int64(ttlSeconds) * 1_000_000
        state.withLock { state in
            for (key, value) in entries {
                state.tick += 1
                state.entries[key] = Entry(value: value, expiresAt: expiresAt, lastUsed: state.tick)
            }
            if state.entries.count > capacity {
                let victims = state.entries.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(state.entries.count - capacity * 9 / 10)
                for (key, _) in victims { state.entries[key] = nil }
            }
        }
    }

    public func delete(_ keys: [String]) async throws {
        state.withLock { state in
            for key in keys { state.entries[key] = nil }
        }
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        let now = clock.nowMicros()
        return state.withLock { state -> Int? in
            guard var entry = state.entries[key], entry.expiresAt > now,
                  let current = Int(String(buffer: entry.value)) else { return nil }
            entry.value = ByteBuffer(string: String(current + delta))
            state.entries[key] = entry
            return current + delta
        }
    }
}
