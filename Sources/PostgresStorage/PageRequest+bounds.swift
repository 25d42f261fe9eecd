import StarlingCore

extension PageRequest {
    /// Items must have a key strictly below this (`key < upper`).
    var upper: Int64 { olderThan ?? .max }
    /// Items must have a key strictly above this (`key > lower`).
    var lower: Int64 { newerThan ?? .min }
    /// Rows to fetch: one more than the page, which tells whether another page follows.
    var rows: Int { limit + 1 }
}
