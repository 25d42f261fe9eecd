/// How newsfeeds are built (`--feed-model`, `STARLING_FEED_MODEL`).
public enum FeedModel: String, Sendable, CaseIterable, Equatable {
    /// Fan out on write: every tweet becomes a row in every follower's feed; a read is one range
    /// scan (or one cached list). Cheap reads, writes proportional to the follower count.
    case push
    /// Fan out on read: no rows; a page is a merge of the followees' own timelines. Cheap writes,
    /// reads proportional to the number of followees.
    case pull
    /// Push to ordinary followers; celebrities' tweets are pulled at read time, and inactive
    /// users get no rows until they come back.
    case hybrid
}
