/// One memcached node's address.
public struct MemcachedServer: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int = 11211) {
        self.host = host
        self.port = port
    }

    /// Reads `host:port` (or `host`, port 11211; `[v6]:port` for IPv6).
    public init(_ text: some StringProtocol) throws(MemcachedError) {
        let text = String(text).trimmingWhitespace()
        func invalid(_ reason: String) -> MemcachedError {
            .invalidConfiguration("the memcached server '\(text)' \(reason); expected host:port")
        }
        var host = Substring(text), port = 11211
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("has an unclosed IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()), (1...65_535).contains(number) else { throw invalid("has a bad port") }
                port = number
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            guard let number = Int(text[text.index(after: colon)...]), (1...65_535).contains(number) else {
                throw invalid("has a port that is not a number from 1 to 65535")
            }
            port = number
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == ":" && !text.hasPrefix("[") }) else {
            throw invalid("has no valid host")
        }
        self.init(host: String(host), port: port)
    }

    /// A comma-separated list (`host:port,host:port`); at least one, no duplicates.
    public static func list(_ text: String) throws(MemcachedError) -> [MemcachedServer] {
        var servers: [MemcachedServer] = []
        for part in text.split(separator: ",") where !part.allSatisfy(\.isWhitespace) {
            let server = try MemcachedServer(part)
            guard !servers.contains(server) else { throw .invalidConfiguration("the memcached server \(server) is listed twice") }
            servers.append(server)
        }
        guard !servers.isEmpty else { throw .invalidConfiguration("no memcached server in '\(text)'; expected host:port,host:port") }
        return servers
    }

    /// `host:port`, the name the hash ring places the node by.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
