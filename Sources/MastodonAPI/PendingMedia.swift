import Foundation

/// Images uploaded through `POST /api/v2/media` and not yet attached to a status: already
/// validated and stored as blobs, waiting for the post that names them by id. Held by this
/// process for a day at most (a client attaches them within seconds); capped, oldest dropped.
actor PendingMedia {
    struct Item: Sendable {
        var userID: Int64
        var key: String
        var description: String?
        var uploadedAt: Date
    }

    static let capacity = 10_000
    static let lifetime: TimeInterval = 86_400

    private var items: [Int64: Item] = [:]

    /// Keeps an upload; returns the keys of uploads dropped to make room (their blobs can go).
    func add(id: Int64, _ item: Item) -> [String] {
        var dropped: [String] = []
        let cutoff = Date().addingTimeInterval(-Self.lifetime)
        for (key, old) in items where old.uploadedAt < cutoff {
            dropped.append(old.key)
            items[key] = nil
        }
        if items.count >= Self.capacity, let oldest = items.min(by: { $0.key < $1.key }) {
            dropped.append(oldest.value.key)
            items[oldest.key] = nil
        }
        items[id] = item
        return dropped
    }

    /// The user's upload with this id.
    func item(id: Int64, userID: Int64) -> Item? {
        guard let item = items[id], item.userID == userID else { return nil }
        return item
    }

    /// Forgets uploads once a status carries them.
    func remove(_ ids: [Int64]) {
        for id in ids { items[id] = nil }
    }
}
