import Accounts
import StarlingCore
import Synchronization
import Tweets

/// This process's encoded tweets, by id. A fragment is used only while the tweet it was made from
/// equals the one being rendered, and its author does in every member the JSON shows (the email
/// and password hash are not compared) — a changed count, content, nickname or avatar
/// makes a new one — so it needs no invalidation and can never show an old version: the object
/// cache (invalidated on every change) stays the source of truth.
///
/// Bounded by bytes with two generations: fragments go into the current one; when it holds half
/// the budget it becomes the previous one (the older previous is dropped), and a fragment found
/// in the previous generation moves back to the current. Recently rendered tweets stay; the
/// whole never exceeds the budget by more than one fragment. The process's budget is a share of
/// `--memory-cache-mb` (`MemoryCacheBudget.encodedBytes`), set when the server is built.
public final class TweetFragments: Sendable {
    /// The process's fragments: 8 MB until the server sets its share, some 20,000 tweets.
    public static let shared = TweetFragments(maximumBytes: MemoryCacheBudget().encodedBytes)

    private struct Generation {
        var fragments: [Int64: TweetFragment] = [:]
        var bytes = 0
    }

    private struct State {
        var current = Generation()
        var previous = Generation()
    }

    private let budget: Atomic<Int>
    private let state = Mutex(State())

    init(maximumBytes: Int) {
        budget = Atomic(maximumBytes)
    }

    /// The bytes the fragments may take.
    public var maximumBytes: Int { budget.load(ordering: .relaxed) }

    /// Sets the bytes the fragments may take; a smaller budget takes effect as fragments are added.
    public func limit(toBytes bytes: Int) {
        budget.store(max(bytes, 0), ordering: .relaxed)
    }

    /// The fragment of this version of `tweet` by `author`, encoded now if this process has not yet.
    func fragment(_ tweet: Tweet, author: User) -> TweetFragment {
        if let found = lookUp(tweet.id), found.tweet == tweet, found.rendersAuthor(author) { return found }
        let made = TweetFragment(tweet, author: author)
        keep(made)
        return made
    }

    /// The bytes held now.
    public var bytes: Int { state.withLock { $0.current.bytes + $0.previous.bytes } }

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
