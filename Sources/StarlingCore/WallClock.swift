import Foundation

/// The time source of the domain. Injected everywhere so tests can control time.
///
/// Named `WallClock` so it never shadows the standard library's `Clock` protocol.
public protocol WallClock: Sendable {
    /// Microseconds since the Unix epoch.
    func nowMicros() -> Int64
}
