import NIOCore

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
