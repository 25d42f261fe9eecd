import StarlingCore

/// Keeps the celebrity flags in step with follower counts: the sweep flags a user whose followers
/// reached `threshold` and clears one whose followers fell below half of it, so that follows
/// flapping around the threshold do not toggle it. Clearing records the backfill of the tweets
/// that were pulled instead of fanned out. An admin may pin, clear or hand back a flag.
public struct FlagCelebrities: Sendable {
    /// The default threshold: 10,000 followers.
    public static let defaultThreshold = 10_000

    let celebrities: any CelebrityRepository
    let clock: any WallClock
    let ids: IDGenerator
    let threshold: Int
    let jobsRecorded: @Sendable () -> Void

    public init(celebrities: any CelebrityRepository, clock: any WallClock, ids: IDGenerator, threshold: Int,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.celebrities = celebrities
        self.clock = clock
        self.ids = ids
        self.threshold = threshold
        self.jobsRecorded = jobsRecorded
    }

    /// One sweep: who was flagged and who was cleared.
    @discardableResult
    public func callAsFunction() async throws -> (flagged: [Int64], cleared: [Int64]) {
        var flagged: [Int64] = []
        for userID in try await celebrities.risen(followers: threshold)
        where try await celebrities.flag(userID, since: clock.nowMicros(), pinned: false) {
            flagged.append(userID)
        }
        var cleared: [Int64] = []
        for userID in try await celebrities.fallen(followers: (threshold + 1) / 2) where try await clear(userID) {
            cleared.append(userID)
        }
        return (flagged, cleared)
    }

    /// What an admin may do to a user's flag.
    public enum Choice: String, Sendable, CaseIterable {
        /// A celebrity whatever the count (the sweep leaves the flag alone).
        case on
        /// Not a celebrity (until the sweep sees the threshold reached again).
        case off
        /// Whatever the sweep decides: the flag is unpinned and the sweep runs.
        case auto
    }

    /// Applies an admin's choice for one user; returns whether the user is a celebrity after it.
    public func set(_ userID: Int64, to choice: Choice) async throws -> Bool {
        switch choice {
        case .on:
            _ = try await celebrities.flag(userID, since: clock.nowMicros(), pinned: true)
        case .off:
            _ = try await clear(userID)
        case .auto:
            if try await celebrities.celebritySince(userID) != nil {
                _ = try await celebrities.flag(userID, since: clock.nowMicros(), pinned: false)
            }
            try await callAsFunction()
        }
        return try await celebrities.celebritySince(userID) != nil
    }

    private func clear(_ userID: Int64) async throws -> Bool {
        let ids = self.ids
        let cleared = try await celebrities.unflag(userID) { Job(id: ids.next(), BackfillCelebrityTweetsJob(userID: userID, since: $0)) }
        if cleared { jobsRecorded() }
        return cleared
    }
}
