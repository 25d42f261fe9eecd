import Foundation
import PostgresNIO

/// Where a PostgreSQL database is and how to log in, read from a
/// `postgres://user:password@host:port/database` URL (`postgresql://` too).
///
/// TLS is off unless the URL asks with `?sslmode=require` (or `prefer`): the deployments this
/// serves reach PostgreSQL over loopback or a private network.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// How the connection uses TLS.
    public enum SSLMode: String, Sendable {
        case disable, prefer, require
    }

    /// Parses a URL; throws `PostgresLocationError` saying what is wrong.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql"
        else { throw PostgresLocationError("a PostgreSQL URL looks like postgres://user:password@host:5432/database, not \(url)") }
        guard let host = components.host, !host.isEmpty else { throw PostgresLocationError("the PostgreSQL URL names no host") }
        guard let username = components.user, !username.isEmpty else { throw PostgresLocationError("the PostgreSQL URL names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("the PostgreSQL URL must end with the database name, as in postgres://user@host/starling")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username
        self.password = components.password
        self.database = database
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? SSLMode.disable.rawValue
        guard let mode = SSLMode(rawValue: sslMode) else { throw PostgresLocationError("sslmode must be disable, prefer or require") }
        self.sslMode = mode
    }

    /// The same server, another database on it.
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    /// The URL, password included.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.host = host
        components.port = port
        components.user = username
        components.password = password
        components.path = "/" + database
        if sslMode != .disable { components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)] }
        return components.string ?? description
    }

    /// The URL without its password, for logs.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// The driver's settings for a pool of at most `maximumConnections`.
    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// The driver's settings for one connection outside a pool.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database,
                                         tls: try connectionTLS())
    }

    private var tls: PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}
