import NIOCore
import Synchronization

/// The embedded `KeyValueCache`: an in-process LRU bounded by bytes, with per-entry expiry.
///
/// Each entry is charged its key, its value's storage and its bookkeeping (`MemoryCost`); a set
/// that takes the total past `byteBudget` drops the least recently used entries, at O(1) each.
/// Values are stored compacted, so a buffer that grew by doubling keeps no slack here.
public final class MemoryKeyValueCache: KeyValueCache {
    private struct Entry {
        var value: ByteBuffer
        var expiresAt: Int64
    }

    private let clock: any WallClock
    private let table: Mutex<ByteBoundedLRU<String, Entry>>

    /// - Parameter byteBudget: the bytes the entries may take together; the least recently used
    ///   go first.
    public init(clock: any WallClock, byteBudget: Int = MemoryCacheBudget().objectBytes) {
        self.clock = clock
        self.table = Mutex(ByteBoundedLRU(budget: byteBudget))
    }

    /// The bytes the entries are charged now, and the most they may be.
    public var usage: (bytes: Int, budget: Int, entries: Int) {
        table.withLock { ($0.bytes, $0.budget, $0.count) }
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        let now = clock.nowMicros()
        return table.withLock { table in
            var found: [String: ByteBuffer] = [:]
            for key in keys {
                guard let entry = table.value(forKey: key) else { continue }
                guard entry.expiresAt > now else {
                    table.remove(key)
                    continue
                }
                found[key] = entry.value
            }
            return found
        }
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        let (ttl, overflow) = Int64(ttlSeconds).multipliedReportingOverflow(by: 1_000_000)
        let expiresAt = overflow ? .max : clock.nowMicros().addingReportingOverflow(ttl).partialValue
        let stored = entries.map { key, value in (key, MemoryCost.compacted(value)) }
        table.withLock { table in
            for (key, value) in stored {
                table.set(key, Entry(value: value, expiresAt: expiresAt), bytes: Self.cost(key: key, value: value))
            }
        }
    }

    public func delete(_ keys: [String]) async throws {
        table.withLock { table in
            for key in keys { table.remove(key) }
        }
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        let now = clock.nowMicros()
        return table.withLock { table -> Int? in
            guard let entry = table.peek(key), entry.expiresAt > now,
                  let current = Int(String(buffer: entry.value)) else { return nil }
            let (next, overflow) = current.addingReportingOverflow(delta)
            guard !overflow else {
                table.remove(key)
                return nil
            }
            let value = ByteBuffer(string: String(next))
            table.update(key) { entry in
                entry.value = value
                return Self.cost(key: key, value: value)
            }
            return next
        }
    }

    /// What one entry is charged: its bookkeeping, its key's heap and its value's storage.
    static func cost(key: String, value: ByteBuffer) -> Int {
        MemoryCost.tableEntry + MemoryCost.string(key) + MemoryCost.buffer(value)
    }
}
