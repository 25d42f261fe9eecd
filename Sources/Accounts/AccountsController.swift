import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/accounts/`: signup, login, logout, login status.
public struct AccountsController: Sendable {
    let users: any UserRepository
    let sessions: any SessionRepository
    let credentials: Credentials
    let ids: IDGenerator
    let clock: any WallClock
    let rateLimits: RateLimitPolicy

    public init(users: any UserRepository, sessions: any SessionRepository, credentials: Credentials,
                ids: IDGenerator, clock: any WallClock, rateLimits: RateLimitPolicy) {
        self.users = users
        self.sessions = sessions
        self.credentials = credentials
        self.ids = ids
        self.clock = clock
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        let group = router.group("api/accounts")
        group.post("signup", use: signUp)
        group.post("login", use: logIn)
        group.post("logout", use: logOut)
        group.get("login_status", use: loginStatus)
    }

    private var startSession: StartSession {
        StartSession(sessions: sessions, credentials: credentials, clock: clock)
    }

    @Sendable func signUp(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try AuthenticationMiddleware.refuseCrossSite(request)
        try await rateLimits.check(.accounts, context)
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let username = input.text("username", errors: &errors)
        let email = input.text("email", errors: &errors)
        let password = input.text("password", errors: &errors)
        let signUp = SignUp(users: users, sessions: startSession, credentials: credentials, ids: ids)
        let (user, token) = try await signUp(username: username, email: email, password: password, errors: errors)
        return try Self.loggedIn(user, token: token, status: .created)
    }

    @Sendable func logIn(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try AuthenticationMiddleware.refuseCrossSite(request)
        try await rateLimits.check(.accounts, context)
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let username = input.text("username", errors: &errors)
        let password = input.text("password", errors: &errors)
        try errors.check()
        let logIn = LogIn(users: users, sessions: startSession, credentials: credentials)
        let (user, token) = try await logIn(username: username!, password: password!)
        return try Self.loggedIn(user, token: token, status: .ok)
    }

    @Sendable func logOut(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.accounts, context)
        if let viewer = context.viewer {
            let forget = Job(id: ids.next(), ForgetCachedSessionJob(tokenHash: viewer.tokenHash))
            try await sessions.delete(tokenHash: viewer.tokenHash, job: forget)
        }
        var response = try JSONBody.response(SuccessBody())
        response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: "", maxAge: 0, path: "/",
                                  secure: false, httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func loginStatus(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.accounts, context)
        var user: UserJSON?
        if let viewer = context.viewer, let found = try await users.user(id: viewer.userID) {
            user = UserJSON(found)
        }
        return try JSONBody.response(LoginStatus(hasLoggedIn: user != nil, ip: context.clientIP, user: user))
    }

    static func loggedIn(_ user: User, token: String, status: HTTPResponse.Status) throws -> Response {
        var response = try JSONBody.response(LoggedIn(user: UserJSON(user), token: token), status: status)
        response.setCookie(Cookie(name: AuthenticationMiddleware.cookieName, value: token,
                                  maxAge: 30 * 86_400, path: "/", secure: false, httpOnly: true, sameSite: .lax))
        return response
    }

    struct LoggedIn: Encodable {
        var success = true
        let user: UserJSON
        let token: String
    }

    struct LoginStatus: Encodable {
        let hasLoggedIn: Bool
        let ip: String
        let user: UserJSON?

        enum CodingKeys: String, CodingKey {
            case hasLoggedIn = "has_logged_in"
            case ip, user
        }
    }
}

extension RateLimitRule {
    /// signup, login, logout and login status: 3/s per client address.
    public static let accounts = RateLimitRule(name: "accounts", limits: [RateLimit(count: 3, seconds: 1)], scope: .ip)
}
