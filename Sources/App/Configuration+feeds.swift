import Friendships
import Newsfeeds

extension Configuration {
    /// The feed settings: `--feed-model push|pull|hybrid`, `--celebrity-followers N`,
    /// `--inactive-days N` (and their `STARLING_*` variables).
    static func resolveFeeds(_ values: [String: String], into configuration: inout Configuration) throws {
        if let text = values["feed-model"] {
            guard let model = FeedModel(rawValue: text.lowercased()) else {
                throw ConfigurationError("feed-model must be push, pull or hybrid, not \(text)")
            }
            configuration.feedModel = model
        }
        if let text = values["celebrity-followers"] {
            guard text.utf8.count <= 10, let followers = Int(text), followers >= 2 else {
                throw ConfigurationError("celebrity-followers must be an integer of at least 2, not \(text)")
            }
            configuration.celebrityFollowers = followers
        }
        if let text = values["inactive-days"] {
            guard text.utf8.count <= 6, let days = Int(text), (1...36_500).contains(days) else {
                throw ConfigurationError("inactive-days must be 1–36500, not \(text)")
            }
            configuration.inactiveDays = days
        }
    }

    /// The feed rules the use cases and jobs follow.
    public var feedRules: FeedRules {
        FeedRules(model: feedModel, inactiveDays: inactiveDays)
    }
}
