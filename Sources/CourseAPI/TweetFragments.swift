import Accounts
import Synchronization
import Tweets

/// This process's encoded tweets, by id. A fragment is used only while the tweet and author it
/// was made from equal the ones being rendered — a changed count, content, nickname or avatar
/// makes a new one — so it needs no invalidation and can never show an old version: the object
/// cache (invalidated on every change) stays the source of truth.
///
/// Bounded by bytes with two generations: fragments go into the current one; when it holds half
/// the budget it becomes the previous one (the older previous is dropped), and a fragment found
/// in the previous generation moves back to the current. Recently rendered tweets stay; the
/// whole never exceeds the budget by more than one fragment.
final class TweetFragments: Sendable {
    /// The process's fragments: 16 MB, a few tens of thousands of tweets.
    static let shared = TweetFragments(maximumBytes: 16 << 20)

    private struct Generation {
        var fragments: [Int64: TweetFragment] = [:]
        var bytes = 0
    }

    private struct State {
        var current = Generation()
        var previous = Generation()
    }

    let maximumBytes: Int
    private let state = Mutex(State())

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// The fragment of this version of `tweet` by `author`, encoded now if this process has not yet.
    func fragment(_ tweet: Tweet, author: User) -> TweetFragment {
        if let found = lookUp(tweet.id), found.tweet == tweet, found.author == author { return found }
        let made = TweetFragment(tweet, author: author)
        keep(made)
        return made
    }

    /// The bytes held now (for tests).
    var bytes: Int { state.withLock { $0.current.bytes + $0.previous.bytes } }

    private func lookUp(_ id: Int64) -> TweetFragment? {
        state.withLock { state in
            if let found = state.current.fragments[id] { return found }
            guard let found = state.previous.fragments.removeValue(forKey: id) else { return nil }
            state.previous.bytes -= found.cost
            add(found, to: &state)
            return found
        }
    }

    private func keep(_ fragment: TweetFragment) {
        state.withLock { add(fragment, to: &$0) }
    }

    private func add(_ fragment: TweetFragment, to state: inout State) {
        if let replaced = state.current.fragments.updateValue(fragment, forKey: fragment.tweet.id) {
            state.current.bytes -= replaced.cost
        }
        state.current.bytes += fragment.cost
        if state.current.bytes > maximumBytes / 2 {
            state.previous = state.current
            state.current = Generation()
        }
    }
}
