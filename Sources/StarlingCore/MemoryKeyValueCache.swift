import NIOCore
import Synchronization

/// The embedded `KeyValueCache`: an in-process LRU bounded by bytes, with per-entry expiry.
///
/// Each entry is charged its key, its value's storage and its bookkeeping (`MemoryCost`); a set
/// that takes the total past `byteBudget` drops the least recently used entries, at O(1) each.
/// An entry is kept in as few heap blocks as it can be, since a budget holds more of them so:
/// the value as one exact-size array (a `ByteBuffer` is two blocks, and may carry slack), and a
/// key of the usual `kind:number` shape without a heap string at all (`CompactKey`). The 40,000
/// tweets of the bench's 2,000 timelines fit the default budget so (about 290 bytes each, not 430).
public final class MemoryKeyValueCache: KeyValueCache {
    private struct Entry {
        var value: [UInt8]
        var expiresAt: Int64
        /// A deleted key's hold (`KeyValueCache.delete`): no value, read as absent.
        var held = false
    }

    private let clock: any WallClock
    private let table: Mutex<ByteBoundedLRU<CompactKey, Entry>>

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
        var found: [String: ByteBuffer] = [:]
        for (key, value) in zip(keys, lookUp(keys.map(CompactKey.init))) {
            if let value { found[key] = value }
        }
        return found
    }

    public func values(for keys: [String]) async throws -> [ByteBuffer?] {
        lookUp(keys.map(CompactKey.init))
    }

    /// No string is made: each key is packed from the kind and the number as `CompactKey`
    /// packs the string `CacheKeys.numbered(kind, id)`.
    public func values(kind: String, ids: [Int64]) async throws -> [ByteBuffer?] {
        lookUp(ids.map { CompactKey(kind: kind, number: $0) })
    }

    private func lookUp(_ compactKeys: [CompactKey]) -> [ByteBuffer?] {
        let now = clock.nowMicros()
        var total = 0
        let values = table.withLock { table in
            compactKeys.map { compact -> [UInt8]? in
                guard let entry = table.value(forKey: compact) else { return nil }
                guard entry.expiresAt > now else {
                    table.remove(compact)
                    return nil
                }
                guard !entry.held else { return nil }
                total += entry.value.count
                return entry.value
            }
        }
        return Self.buffers(values, total: total)
    }

    /// The values found, as slices of one buffer: a page's forty hits cost one allocation, not
    /// forty. `total` is their bytes together.
    static func buffers(_ values: [[UInt8]?], total: Int) -> [ByteBuffer?] {
        guard total > 0 else { return values.map { $0.map { _ in ByteBuffer() } } }
        var all = ByteBufferAllocator().buffer(capacity: total)
        for case let bytes? in values { all.writeBytes(bytes) }  // all written before the first slice shares it
        var start = 0
        return values.map { bytes in
            guard let bytes else { return nil }
            defer { start += bytes.count }
            return all.getSlice(at: start, length: bytes.count)
        }
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        store(entries, ttlSeconds: ttlSeconds, overHolds: true)
    }

    public func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        store(entries, ttlSeconds: ttlSeconds, overHolds: false)
    }

    public func delete(_ keys: [String]) async throws {
        let expiresAt = Self.expiry(now: clock.nowMicros(), ttlSeconds: CacheKeys.holdSeconds)
        let holds = keys.map(CompactKey.init)
        table.withLock { table in
            for key in holds {
                table.set(key, Entry(value: [], expiresAt: expiresAt, held: true), bytes: Self.cost(key: key, value: []))
            }
        }
    }

    /// Stores the entries; without `overHolds`, only those whose key holds nothing live.
    private func store(_ entries: [String: ByteBuffer], ttlSeconds: Int, overHolds: Bool) {
        let now = clock.nowMicros()
        let expiresAt = Self.expiry(now: now, ttlSeconds: ttlSeconds)
        let stored = entries.map { key, value in (CompactKey(key), Array(value.readableBytesView)) }
        table.withLock { table in
            for (key, value) in stored {
                if !overHolds, let present = table.peek(key), present.expiresAt > now { continue }
                table.set(key, Entry(value: value, expiresAt: expiresAt), bytes: Self.cost(key: key, value: value))
            }
        }
    }

    private static func expiry(now: Int64, ttlSeconds: Int) -> Int64 {
        let (ttl, overflow) = Int64(ttlSeconds).multipliedReportingOverflow(by: 1_000_000)
        let (expiry, past) = now.addingReportingOverflow(ttl)
        return overflow || past ? .max : expiry
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        let now = clock.nowMicros()
        let key = CompactKey(key)
        return table.withLock { table -> Int? in
            guard let entry = table.peek(key), entry.expiresAt > now, !entry.held,
                  let current = Int(String(decoding: entry.value, as: UTF8.self)) else { return nil }
            let (next, overflow) = current.addingReportingOverflow(delta)
            guard !overflow else {
                table.remove(key)
                return nil
            }
            let value = Array(String(next).utf8)
            table.update(key) { entry in
                entry.value = value
                return Self.cost(key: key, value: value)
            }
            return next
        }
    }

    /// What one entry is charged: its bookkeeping, its key's heap and its value's storage.
    static func cost(key: CompactKey, value: [UInt8]) -> Int {
        MemoryCost.tableEntry + key.heapBytes + MemoryCost.array(capacity: value.count, stride: 1)
    }
}

/// A cache key as the in-process table holds it. Most keys are a kind and a number
/// (`tweet:7205…`, `user:12`): those are packed into three words — the kind's at most 15 bytes and
/// its length, and the number — so the key takes no heap block (a 25-byte string takes 80 bytes)
/// and hashes as three integers. Any other key is kept whole. Two keys are equal exactly when
/// their strings are: a key is split only when its number is written the one way `String(n)`
/// writes it, so one string has one form.
enum CompactKey: Hashable {
    case split(kindLow: UInt64, kindHigh: UInt64, number: Int64)
    case whole(String)

    init(_ key: String) {
        var text = key
        self = text.withUTF8(Self.split) ?? .whole(key)
    }

    /// The key of the string `CacheKeys.numbered(kind, number)`, equal to `CompactKey(thatString)`:
    /// split when the string would be (a kind of 1–15 bytes, a number of at least zero).
    init(kind: String, number: Int64) {
        var kindText = kind
        let packed: (low: UInt64, high: UInt64)? = kindText.withUTF8 { bytes in
            guard (1...15).contains(bytes.count), number >= 0 else { return nil }
            var kind: (low: UInt64, high: UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &kind) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            return (UInt64(littleEndian: kind.low), UInt64(littleEndian: kind.high) | UInt64(bytes.count) << 56)
        }
        if let packed {
            self = .split(kindLow: packed.low, kindHigh: packed.high, number: number)
        } else {
            self.init(CacheKeys.numbered(kind, number))
        }
    }

    /// One word for a split key, mixed from its three: the table hashes a page's forty keys, and
    /// four words each through the hasher cost twice the time. Equal keys mix equally; keys of one
    /// kind never share a word (the number is XORed with a constant of the kind).
    func hash(into hasher: inout Hasher) {
        switch self {
        case .split(let kindLow, let kindHigh, let number):
            hasher.combine(UInt64(bitPattern: number) ^ (kindLow &* 0x9E37_79B9_7F4A_7C15) ^ (kindHigh &* 0xC2B2_AE3D_27D4_EB4F))
        case .whole(let key):
            hasher.combine(key)
        }
    }

    /// The heap the key takes.
    var heapBytes: Int {
        if case .whole(let key) = self { MemoryCost.string(key) } else { 0 }
    }

    /// `kind:number` with 1–15 bytes of kind and a canonical decimal in `Int64`, packed; or nil.
    /// One pass from the end over contiguous bytes (generic string code here cost a newsfeed page
    /// 7% of its instructions).
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> CompactKey? {
        let zero = UInt8(ascii: "0")
        var start = bytes.count
        while start > 0, bytes[start - 1] &- zero < 10 { start -= 1 }
        let digits = bytes.count - start
        let colon = start - 1
        guard (1...19).contains(digits), (1...15).contains(colon), bytes[colon] == UInt8(ascii: ":"),
              bytes[start] != zero || digits == 1 else { return nil }
        // At most 19 digits never overflow 64 unsigned bits.
        var value: UInt64 = 0
        for index in start..<bytes.count { value = value &* 10 &+ UInt64(bytes[index] &- zero) }
        guard let number = Int64(exactly: value) else { return nil }
        // The kind's bytes fill at most 15 of 16; the last holds its length.
        var kind: (low: UInt64, high: UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &kind) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<colon]))) }
        let high = UInt64(littleEndian: kind.high) | UInt64(colon) << 56
        return .split(kindLow: UInt64(littleEndian: kind.low), kindHigh: high, number: number)
    }
}
