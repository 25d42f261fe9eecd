import Crypto

/// A Lua script, run by its SHA-1 digest (`EVALSHA`) so its text crosses the network only when
/// the server has not seen it yet (after a restart or `SCRIPT FLUSH`): see `RedisClient.evaluate`.
public struct RedisScript: Sendable, Hashable {
    public let source: String
    /// The lowercase hex SHA-1 of `source`, as the server names it.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Array(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
