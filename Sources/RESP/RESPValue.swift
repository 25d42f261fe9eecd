import NIOCore

/// One value of the Redis serialization protocol, RESP2 or RESP3: a reply from the server.
///
/// Error replies are values too (`.error`): a pipeline's replies keep them in place, and
/// `RedisClient.send` turns one into a thrown `RedisError`.
public enum RESPValue: Sendable, Hashable {
    /// `+OK`: a short text without line breaks.
    case simpleString(String)
    /// `-ERR message` (RESP2) or `!len` blob error (RESP3): the server refused the command.
    case error(String)
    /// `:42`: a signed 64-bit integer.
    case integer(Int64)
    /// `$len`: binary-safe bytes.
    case bulkString(ByteBuffer)
    /// The absent value: RESP2's null bulk string (`$-1`) and null array (`*-1`), RESP3's `_`.
    case null
    /// `*count`: an ordered list of values, possibly nested.
    case array([RESPValue])
    /// RESP3 `#t` / `#f`.
    case boolean(Bool)
    /// RESP3 `,3.14` (also `inf`, `-inf`, `nan`).
    case double(Double)
    /// RESP3 `(123…`: an integer too large for 64 bits, as its decimal digits.
    case bigNumber(String)
    /// RESP3 `=len`: text with a three-letter format such as `txt` or `mkd`.
    case verbatimString(format: String, text: String)
    /// RESP3 `%count`: key-value pairs in the server's order.
    case map([RESPPair])
    /// RESP3 `~count`: an unordered collection.
    case set([RESPValue])
    /// RESP3 `>count`: an out-of-band message (pub/sub, invalidation), not the reply to a command.
    case push([RESPValue])
    /// RESP3 `|count`: metadata the server attached to the reply that follows it.
    indirect case attributed(attributes: [RESPPair], value: RESPValue)
}
