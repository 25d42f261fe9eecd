import NIOCore

/// One meta command: `mg`, `ms`, `md`, `ma` or `mn`, its key, its flags and (for `ms`) its value.
///
/// Build one with the static constructors (`.get("k", [.value, .returnCAS])`); the key must
/// already be a valid memcached key (`MemcachedKey` makes any string one).
public struct MemcachedRequest: Sendable, Hashable {
    /// The meta command's two letters.
    public enum Command: String, Sendable, Hashable {
        /// `mg`: meta get.
        case get = "mg"
        /// `ms`: meta set.
        case set = "ms"
        /// `md`: meta delete.
        case delete = "md"
        /// `ma`: meta arithmetic.
        case arithmetic = "ma"
        /// `mn`: meta no-op, answered `MN` once every earlier command on the connection is answered.
        case noop = "mn"
        /// `stats`: the server's counters, as `STAT name value` lines and `END`.
        case stats = "stats"
    }

    /// The command.
    public var command: Command
    /// The key on the wire (empty only for `mn`).
    public var key: String
    /// The flags, written in this order; the server answers returned flags in the same order.
    public var flags: [MemcachedFlag]
    /// The data block of an `ms`.
    public var value: ByteBuffer?

    /// `mg key flags…`.
    public static func get(_ key: String, _ flags: [MemcachedFlag] = [.value]) -> MemcachedRequest {
        MemcachedRequest(command: .get, key: key, flags: flags, value: nil)
    }

    /// `ms key <length> flags…` followed by `value`.
    public static func set(_ key: String, _ value: ByteBuffer, _ flags: [MemcachedFlag] = []) -> MemcachedRequest {
        MemcachedRequest(command: .set, key: key, flags: flags, value: value)
    }

    /// `md key flags…` (with `.invalidate`, marks the item stale instead of removing it).
    public static func delete(_ key: String, _ flags: [MemcachedFlag] = []) -> MemcachedRequest {
        MemcachedRequest(command: .delete, key: key, flags: flags, value: nil)
    }

    /// `ma key flags…`: increments by one unless `.delta` and `.mode(.decrement)` say otherwise.
    public static func arithmetic(_ key: String, _ flags: [MemcachedFlag] = []) -> MemcachedRequest {
        MemcachedRequest(command: .arithmetic, key: key, flags: flags, value: nil)
    }

    /// `mn`.
    public static let noop = MemcachedRequest(command: .noop, key: "", flags: [], value: nil)

    /// `stats`.
    public static let stats = MemcachedRequest(command: .stats, key: "", flags: [], value: nil)

    /// Whether the command names a key (every meta command but `mn`).
    var hasKey: Bool { command != .noop && command != .stats }
}
