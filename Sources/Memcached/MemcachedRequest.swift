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

/// A flag of a meta command, with its token where it takes one.
public enum MemcachedFlag: Sendable, Hashable {
    /// `v`: return the value.
    case value
    /// `T<seconds>`: the time to live to set (0: never expires).
    case ttl(Int)
    /// `t`: return the remaining time to live (-1: never expires).
    case returnTTL
    /// `c`: return the item's CAS value.
    case returnCAS
    /// `C<cas>`: act only if the item's CAS value is this one.
    case compareCAS(UInt64)
    /// `k`: echo the key.
    case returnKey
    /// `O<token>`: echo this token, to match answers with requests.
    case opaque(UInt32)
    /// `q`: quiet — leave out the uninteresting answer (a miss for `mg`, success for `ms`/`md`).
    case quiet
    /// `N<seconds>`: on a miss, create an empty item living this long, and give this caller the
    /// win (`W`); later callers see `Z` until it is replaced.
    case vivify(ttl: Int)
    /// `I`: for `md`, mark the item stale instead of removing it (the next `mg` wins `W`, others see
    /// `X` with the stale value); for `ms`, store it stale if the CAS given is older.
    case invalidate
    /// `D<delta>`: the amount of an `ma` (unsigned).
    case delta(UInt64)
    /// `J<value>`: the initial value when `ma` vivifies (with `N`).
    case initial(UInt64)
    /// `M<mode>`: the mode of an `ms` or `ma`.
    case mode(MemcachedMode)
    /// `b`: the key is base64.
    case base64Key
}

/// The mode letter of `ms` (`S`, `E`, `A`, `P`, `R`) and `ma` (`I`, `D`).
public enum MemcachedMode: String, Sendable, Hashable {
    /// `ms`: store (the default).
    case set = "S"
    /// `ms`: store only if absent.
    case add = "E"
    /// `ms`: store only if present.
    case replace = "R"
    /// `ms`: append to the value.
    case append = "A"
    /// `ms`: prepend to the value.
    case prepend = "P"
    /// `ma`: add the delta (the default).
    case increment = "I"
    /// `ma`: subtract the delta, stopping at zero.
    case decrement = "D"
}
