import Newsfeeds
import ServiceLifecycle
import StarlingCore

extension Starling {
    /// Who fanout pushes to under the configured feed model.
    static func feedAudience(repositories: Repositories, configuration: Configuration, clock: any WallClock) -> FeedAudience {
        FeedAudience(rules: configuration.feedRules, celebrities: repositories.celebrities, activity: repositories.activity, clock: clock)
    }
}
