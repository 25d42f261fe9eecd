import Logging
import Synchronization
import StarlingCore

/// Notes that a user made an authenticated request — at most once per `interval` per user in this
/// process, so a busy user costs one write an hour, not one per request. A user coming back after
/// an absence longer than the inactivity threshold gets their pushed feed marked stale and a
/// `RestoreFeedJob` recorded; a failure is logged and never fails the request.
public struct RecordActivity: Sendable {
    /// How often a user's activity is written at most: one hour.
    public static let interval: Int64 = 3_600_000_000

    let activity: any ActivityRepository
    let clock: any WallClock
    let ids: IDGenerator
    /// Absent longer than this (microseconds), a user is inactive.
    let inactiveMicros: Int64
    let throttle = ActivityThrottle()
    let logger: Logger
    let jobsRecorded: @Sendable () -> Void

    public init(activity: any ActivityRepository, clock: any WallClock, ids: IDGenerator, inactiveMicros: Int64, logger: Logger,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.activity = activity
        self.clock = clock
        self.ids = ids
        self.inactiveMicros = inactiveMicros
        self.logger = logger
        self.jobsRecorded = jobsRecorded
    }

    public func callAsFunction(userID: Int64) async {
        let now = clock.nowMicros()
        guard throttle.claim(userID, now: now, interval: Self.interval) else { return }
        do {
            let (before, overflow) = now.subtractingReportingOverflow(inactiveMicros)
            let returned = try await activity.recordActivity(userID: userID, at: now, inactiveBefore: overflow ? .min : before,
                                                             restore: Job(id: ids.next(), RestoreFeedJob(userID: userID)))
            if returned { jobsRecorded() }
        } catch {
            throttle.forget(userID)
            logger.warning("could not record a user's activity", metadata: ["user": "\(userID)", "error": "\(error)"])
        }
    }
}

/// Who had their activity recorded lately, in this process: a bounded map of user → time.
///
/// A lock, not an actor: every authenticated request asks it, and a hop onto an actor that another
/// thread holds suspends the request and wakes a thread to resume it.
final class ActivityThrottle: Sendable {
    private let recorded = Mutex<[Int64: Int64]>([:])
    private static let maximumEntries = 100_000

    /// Whether the caller should record `userID`'s activity now (not done within `interval`).
    func claim(_ userID: Int64, now: Int64, interval: Int64) -> Bool {
        recorded.withLock { recorded in
            if let last = recorded[userID], now - last < interval { return false }
            if recorded.count >= Self.maximumEntries { recorded = recorded.filter { now - $0.value < interval } }
            if recorded.count >= Self.maximumEntries { recorded.removeAll() }
            recorded[userID] = now
            return true
        }
    }

    func forget(_ userID: Int64) {
        _ = recorded.withLock { $0.removeValue(forKey: userID) }
    }
}
