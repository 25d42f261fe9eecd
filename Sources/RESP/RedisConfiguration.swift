/// Where a `RedisClient` connects, how it logs in, and how long it waits.
public struct RedisConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// An ACL user name for `AUTH`; nil for the default user.
    public var username: String?
    /// The password for `AUTH`; nil to skip `AUTH`.
    public var password: String?
    /// The logical database each connection `SELECT`s (0 skips `SELECT`).
    public var database: Int
    /// How long a command may wait for its reply; past it the caller gets `RedisError.timeout`
    /// and the connection is closed (later replies would be out of step).
    public var commandTimeout: Duration = .milliseconds(250)
    /// How long opening a connection may take, and how long a caller waits for one.
    public var connectTimeout: Duration = .milliseconds(250)
    /// Connections kept open; each one pipelines the commands of many callers.
    public var poolSize: Int = 4

    public init(host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Reads `redis://[[user]:password@]host[:port][/db]`; the port defaults to 6379 and the
    /// database to 0. Throws `RedisError.invalidConfiguration` saying what is wrong.
    public init(url: String) throws(RedisError) {
        func invalid(_ reason: String) -> RedisError {
            .invalidConfiguration("the Redis URL '\(Self.redacted(url))' \(reason); expected redis://[:password@]host:port[/db]")
        }
        guard url.hasPrefix("redis://") else { throw invalid("does not start with redis://") }
        var rest = Substring(url.dropFirst("redis://".count))
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("has options, which are not supported") }
        var username: String?, password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let user = Self.percentDecoded(parts[0]), let secret = Self.percentDecoded(parts[1]) else {
                throw invalid("has credentials that are not 'user:password' or ':password'")
            }
            username = user.isEmpty ? nil : user
            password = secret
        }
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
            if !path.isEmpty {
                guard let number = Int(path), number >= 0 else { throw invalid("has a database that is not a number") }
                database = number
            }
        }
        var host = rest, port = 6379
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("has an unclosed IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { throw invalid("has text after the IPv6 address") }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            rest = rest[colon...]
        } else {
            rest = ""
        }
        if rest.hasPrefix(":") {
            guard let number = Int(rest.dropFirst()), (1...65_535).contains(number) else { throw invalid("has a port that is not a number from 1 to 65535") }
            port = number
        }
        guard !host.isEmpty else { throw invalid("has no host") }
        self.init(host: String(host), port: port, username: username, password: password, database: database)
    }

    /// The URL with its password hidden, for logs and errors.
    static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.firstRange(of: "://"), scheme.upperBound <= at else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at...])
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
