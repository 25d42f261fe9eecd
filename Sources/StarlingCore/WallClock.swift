import Foundation

/// The time source of the domain. Injected everywhere so tests can control time.
///
/// Named `WallClock` so it never shadows the standard library's `Clock` protocol.
public protocol WallClock: Sendable {
    /// Microseconds since the Unix epoch.
    func nowMicros() -> Int64
}

/// The real clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func nowMicros() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
    }
}
