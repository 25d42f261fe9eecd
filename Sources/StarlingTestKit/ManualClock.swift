import StarlingCore
import Synchronization

/// A `WallClock` that stands still until a test moves it.
public final class ManualClock: WallClock {
    private let micros: Mutex<Int64>

    /// Starts at 2026-01-01T00:00:00Z unless told otherwise.
    public init(micros: Int64 = 1_767_225_600_000_000) {
        self.micros = Mutex(micros)
    }

    public func nowMicros() -> Int64 {
        micros.withLock { $0 }
    }

    /// Moves time forward.
    public func advance(seconds: Double) {
        micros.withLock { $0 += Int64(seconds * 1_000_000) }
    }
}
