import StarlingCore

extension Page where Item == Int64 {
    /// The page of `request` over the union of two lists, each given as its own page of the same
    /// request: ids in both (a tweet fanned out before its author became a celebrity, and pulled
    /// after) appear once. Each page holds its list's first `limit` ids within the bounds, so their
    /// union holds the union's first `limit`; more follow when either list had more, or the union does.
    public func merging(_ other: Page<Int64>, for request: PageRequest) -> Page<Int64> {
        var merged: [Int64] = []
        merged.reserveCapacity(items.count + other.items.count)
        var left = items[...], right = other.items[...]
        while let a = left.first, let b = right.first {
            if a == b {
                merged.append(a)
                left.removeFirst()
                right.removeFirst()
            } else if a > b {
                merged.append(a)
                left.removeFirst()
            } else {
                merged.append(b)
                right.removeFirst()
            }
        }
        merged += left
        merged += right
        return Page(items: Array(merged.prefix(request.limit)),
                    hasNextPage: merged.count > request.limit || hasNextPage || other.hasNextPage)
    }
}
