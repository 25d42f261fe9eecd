import Accounts
import Friendships
import StarlingCore
import Tweets

/// Who a new tweet is pushed to, by the feed model: under push, every follower; under pull, no
/// one; under hybrid, no one for a celebrity's tweet (their followers pull it) and, for others,
/// the followers active within the inactivity threshold. The author's own lists always.
public struct FeedAudience: Sendable {
    let rules: FeedRules
    let celebrities: (any CelebrityRepository)?
    let activity: (any ActivityRepository)?
    let clock: any WallClock

    public init(rules: FeedRules, celebrities: any CelebrityRepository, activity: any ActivityRepository, clock: any WallClock) {
        self.rules = rules
        self.celebrities = celebrities
        self.activity = activity
        self.clock = clock
    }

    private init() {
        rules = .pushToAll
        celebrities = nil
        activity = nil
        clock = SystemWallClock()
    }

    /// Every follower, always: the push model without celebrities or inactive users.
    public static let everyone = FeedAudience()

    /// Whether the tweet goes into followers' feeds at all. A celebrity's tweets from the time of
    /// the flag on are pulled; older ones (a fanout that ran late) are still pushed, so that
    /// clearing the flag has exactly the tweets since the flag to backfill.
    public func reachesFollowers(_ tweet: Tweet) async throws -> Bool {
        switch rules.model {
        case .push: return true
        case .pull: return false
        case .hybrid:
            guard let celebrities, let since = try await celebrities.celebritySince(tweet.userID) else { return true }
            return tweet.id < since
        }
    }

    /// Those of `followers` whose feeds take pushes: under hybrid, the active ones (one round trip).
    public func recipients(among followers: [Int64]) async throws -> [Int64] {
        guard rules.model == .hybrid, let activity, !followers.isEmpty else { return followers }
        let (since, overflow) = clock.nowMicros().subtractingReportingOverflow(rules.inactiveMicros)
        let active = try await activity.active(among: followers, since: overflow ? .min : since)
        return followers.filter(active.contains)
    }
}
