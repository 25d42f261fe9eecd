import NIOCore

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
