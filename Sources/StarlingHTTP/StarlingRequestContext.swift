import Hummingbird
import NIOCore
import StarlingCore

/// The request context of every Starling route: who is asking, and from where.
public struct StarlingRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in user, set by the authentication middleware.
    public var viewer: Viewer?
    /// The client's address, as the socket saw it ("unknown" when there is no socket, as in tests).
    public let clientIP: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientIP = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies are parsed by `RequestInput`; this bound is for anything decoded directly.
    public var maxUploadSize: Int { 1 << 20 }

    /// The logged-in user, or a 403 saying credentials are missing.
    public func requireViewer() throws -> Viewer {
        guard let viewer else { throw StarlingError.notAuthenticated }
        return viewer
    }
}

/// The user a request is authenticated as.
public struct Viewer: Sendable, Equatable {
    public var userID: Int64
    /// The hash of the token the request carried, so logout can revoke exactly it.
    public var tokenHash: String

    public init(userID: Int64, tokenHash: String) {
        self.userID = userID
        self.tokenHash = tokenHash
    }
}
