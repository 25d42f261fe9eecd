/// At most `count` hits in any `seconds`-long stretch of time.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    public var count: Int
    public var seconds: Int

    public init(count: Int, seconds: Int) {
        precondition(count > 0 && seconds > 0)
        self.count = count
        self.seconds = seconds
    }

    /// Parses `3/s`, `5/min`, `100/h`, `1000/d` or `10/30s`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let count = Int(parts[0].trimmingPrefix(" ")), (1...1_000_000).contains(count) else { return nil }
        var unit = Substring(parts[1])
        var multiple = 1
        if let digitsEnd = unit.firstIndex(where: { !$0.isNumber }), digitsEnd != unit.startIndex {
            guard let m = Int(unit[..<digitsEnd]), m > 0 else { return nil }
            multiple = m
            unit = unit[digitsEnd...]
        }
        let seconds: Int
        switch unit {
        case "s", "sec", "second": seconds = 1
        case "m", "min", "minute": seconds = 60
        case "h", "hour": seconds = 3600
        case "d", "day": seconds = 86_400
        default: return nil
        }
        let (total, overflow) = seconds.multipliedReportingOverflow(by: multiple)
        guard !overflow, total <= 366 * 86_400 else { return nil }
        self.init(count: count, seconds: total)
    }

    public var description: String { "\(count)/\(seconds)s" }
}
