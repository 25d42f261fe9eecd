/// The OAuth scopes a Mastodon client asks for and a token carries: `read`, `write`, `follow`,
/// `push`, and their `read:…`/`write:…` sub-scopes. Kept as the words the client sent, so the
/// token's `scope` answers back exactly what was granted (Mastodon.py checks it covers its request).
public struct Scopes: Sendable, Equatable, CustomStringConvertible {
    /// The top-level scopes Starling knows.
    public static let known: Set<String> = ["read", "write", "follow", "push"]

    public private(set) var words: [String]

    /// Parses a space- (or plus-) separated list; unknown words make it nil. Empty means `read`.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "," }).map(String.init)
        var unique: [String] = []
        for word in words where !unique.contains(word) {
            let base = word.split(separator: ":", maxSplits: 1).first.map(String.init) ?? word
            guard Self.known.contains(base) else { return nil }
            unique.append(word)
        }
        self.words = unique.isEmpty ? ["read"] : unique
    }

    public init(_ words: [String]) {
        self.words = words
    }

    /// Whether these scopes allow `scope` (`read` covers `read:statuses`, and so on).
    public func allows(_ scope: String) -> Bool {
        let base = scope.split(separator: ":", maxSplits: 1).first.map(String.init) ?? scope
        return words.contains(scope) || words.contains(base)
    }

    /// Whether every word of `other` is allowed by these.
    public func covers(_ other: Scopes) -> Bool {
        other.words.allSatisfy(allows)
    }

    /// The scopes both allow: what an app registered with `self` may grant of `requested`.
    public func granting(_ requested: Scopes) -> Scopes? {
        covers(requested) ? requested : nil
    }

    /// Space-separated, as OAuth writes them.
    public var description: String { words.joined(separator: " ") }
}
