import Hummingbird
import StarlingCore

/// Mastodon's cursor pagination: `max_id` (older than), `since_id` (newer than, newest first),
/// `min_id` (the page just newer than it), `limit` clamped to the list's maximum — never a 400.
struct MastodonPage: Sendable {
    var limit: Int
    var maxID: Int64?
    var sinceID: Int64?
    var minID: Int64?

    /// The most items a `min_id` page reads to find the ones just above the cursor.
    static let minIDReach = 400

    init(_ parameters: MastodonParameters, defaultLimit: Int = 20, maximumLimit: Int = 40) {
        if let text = parameters.string("limit"), text.utf8.count <= 9, let requested = Int(text) {
            limit = min(max(requested, 1), maximumLimit)
        } else {
            limit = defaultLimit
        }
        maxID = parameters.id("max_id")
        sinceID = parameters.id("since_id")
        minID = parameters.id("min_id")
    }

    /// What to read from a newest-first list: for `min_id` alone, a wider page whose oldest items
    /// `cut` keeps.
    var request: PageRequest {
        let lower = [sinceID, minID].compactMap { $0 }.max()
        let reach = minID != nil && maxID == nil ? Self.minIDReach : limit
        return PageRequest(olderThan: maxID, newerThan: lower, limit: reach)
    }

    /// The page out of what `request` read (newest first).
    func cut<Item>(_ items: [Item]) -> [Item] {
        if minID != nil, maxID == nil { return Array(items.suffix(limit)) }
        return Array(items.prefix(limit))
    }

    /// The `Link` header for a page whose first and last item have these cursor ids: `next` (older)
    /// first, as toot's regex reads it, then `prev` (newer). Other query parameters are kept.
    static func link(_ request: Request, base: BaseURL, firstID: Int64?, lastID: Int64?) -> String? {
        guard let firstID, let lastID else { return nil }
        let kept = (request.uri.query ?? "").split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !["max_id", "since_id", "min_id"].contains(name)
        }.joined(separator: "&")
        let prefix = base.url(request.uri.path) + "?" + (kept.isEmpty ? "" : kept + "&")
        return "<\(prefix)max_id=\(lastID)>; rel=\"next\", <\(prefix)min_id=\(firstID)>; rel=\"prev\""
    }
}
