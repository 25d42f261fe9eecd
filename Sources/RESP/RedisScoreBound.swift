import NIOCore

/// One end of a sorted-set score range, for `ZREVRANGEBYSCORE` and its kin.
public struct RedisScoreBound: Sendable, Hashable, RESPArgument {
    private enum Kind: Hashable {
        case exclusive(Double)
        case inclusive(Double)
        case infinity(negative: Bool)
    }

    private let kind: Kind

    /// Scores equal to `score` are not in the range.
    public static func exclusive(_ score: Double) -> RedisScoreBound { RedisScoreBound(kind: .exclusive(score)) }
    /// Scores equal to `score` are in the range.
    public static func inclusive(_ score: Double) -> RedisScoreBound { RedisScoreBound(kind: .inclusive(score)) }
    /// No upper bound.
    public static let positiveInfinity = RedisScoreBound(kind: .infinity(negative: false))
    /// No lower bound.
    public static let negativeInfinity = RedisScoreBound(kind: .infinity(negative: true))

    public func writeBulkString(into buffer: inout ByteBuffer) {
        switch kind {
        case .exclusive(let score):
            ("(" + score.scoreText).writeBulkString(into: &buffer)
        case .inclusive(let score):
            score.writeBulkString(into: &buffer)
        case .infinity(let negative):
            (negative ? "-inf" : "+inf").writeBulkString(into: &buffer)
        }
    }
}
