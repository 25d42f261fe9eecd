/// Publisher confirms with no socket: numbers each publish on a channel in confirm mode (from 1),
/// resolves waiters on basic.ack / basic.nack (one tag, or every tag up to it with `multiple`),
/// and fails the publish a basic.return named (unroutable mandatory message) when its ack comes.
struct AMQPConfirms<Waiter> {
    private var nextTag: UInt64 = 1
    /// Outstanding publishes in tag order.
    private var outstanding: [(tag: UInt64, messageID: String?, waiter: Waiter, since: UInt64)] = []
    private var returned: [UInt64: AMQPError] = [:]

    var count: Int { outstanding.count }

    /// When the oldest publish still waiting for its confirm was sent (as passed to `published`).
    var oldestSince: UInt64? { outstanding.first?.since }

    /// Numbers a publish sent at `since` (any monotonic time); returns its delivery tag.
    mutating func published(messageID: String?, waiter: Waiter, since: UInt64 = 0) -> UInt64 {
        defer { nextTag += 1 }
        outstanding.append((nextTag, messageID, waiter, since))
        return nextTag
    }

    /// A basic.return arrived for the message with `messageID` (else the oldest outstanding one).
    mutating func returned(messageID: String?, error: AMQPError) {
        let match = outstanding.first { $0.messageID != nil && $0.messageID == messageID && returned[$0.tag] == nil }
            ?? outstanding.first { returned[$0.tag] == nil }
        if let match { returned[match.tag] = error }
    }

    /// basic.ack (`nacked` false) or basic.nack: the waiters it resolves, with nil for success.
    mutating func confirmed(tag: UInt64, multiple: Bool, nacked: Bool) -> [(Waiter, AMQPError?)] {
        var resolved: [(Waiter, AMQPError?)] = []
        outstanding.removeAll { entry in
            guard multiple ? entry.tag <= tag : entry.tag == tag else { return false }
            let error = nacked ? AMQPError.nacked : returned.removeValue(forKey: entry.tag)
            resolved.append((entry.waiter, error))
            return true
        }
        return resolved
    }

    /// The channel closed: every waiter fails.
    mutating func failAll() -> [Waiter] {
        defer {
            outstanding.removeAll()
            returned.removeAll()
        }
        return outstanding.map(\.waiter)
    }
}
