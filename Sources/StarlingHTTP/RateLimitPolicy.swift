import StarlingCore

/// One rate limit of the API: a name (the configuration key), its default limits, and whom it
/// counts per. Each domain declares its own rules beside its controller.
public struct RateLimitRule: Sendable, Hashable {
    /// Whom a rule counts hits for.
    public enum Scope: Sendable, Hashable {
        /// The client address.
        case ip
        /// The logged-in user (callers must be logged in).
        case user
        /// The logged-in user, or the client address for anonymous requests.
        case userOrIP
    }

    public let name: String
    public let limits: [RateLimit]
    public let scope: Scope

    public init(name: String, limits: [RateLimit], scope: Scope) {
        self.name = name
        self.limits = limits
        self.scope = scope
    }
}

/// Applies rate-limit rules through the `RateLimiter` port, with the limits configured for this
/// deployment. Switched off as a whole by configuration (for load tests), never by code.
public struct RateLimitPolicy: Sendable {
    private let limiter: any RateLimiter
    private let enabled: Bool
    private let overrides: [String: [RateLimit]]

    /// - Parameter overrides: limits replacing a rule's defaults, by rule name.
    public init(limiter: any RateLimiter, enabled: Bool, overrides: [String: [RateLimit]] = [:]) {
        self.limiter = limiter
        self.enabled = enabled
        self.overrides = overrides
    }

    /// Counts one hit; throws a 429 with `Retry-After` when a limit is exceeded.
    public func check(_ rule: RateLimitRule, _ context: StarlingRequestContext) async throws {
        guard enabled else { return }
        let limits = overrides[rule.name] ?? rule.limits
        guard !limits.isEmpty else { return }
        let subject: String
        switch (rule.scope, context.viewer) {
        case (.user, let viewer?), (.userOrIP, let viewer?): subject = "u\(viewer.userID)"
        default: subject = "ip\(context.clientIP)"
        }
        if let wait = await limiter.hit("\(rule.name):\(subject)", limits: limits) {
            StarlingMetrics.rateLimited(rule: rule.name)
            throw StarlingError.rateLimited(retryAfterSeconds: wait)
        }
    }
}
