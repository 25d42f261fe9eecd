import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/accounts/`: signup, login, logout, login status.
public struct AccountsController: Sendable {
    let users: any UserRepository
    let signUpUser: SignUp
    let logInUser: LogIn
    let logOutSession: LogOut
    let rateLimits: RateLimitPolicy

    public init(users: any UserRepository, signUp: SignUp, logIn: LogIn, logOut: LogOut, rateLimits: RateLimitPolicy) {
        self.users = users
        self.signUpUser = signUp
        self.logInUser = logIn
        self.logOutSession = logOut
        self.rateLimits = rateLimits
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        let group = router.group("api/accounts")
        group.post("signup", use: signUp)
        group.post("login", use: logIn)
        group.post("logout", use: logOut)
        group.get("login_status", use: loginStatus)
    }

    @Sendable func signUp(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try AuthenticationMiddleware.refuseCrossSite(request)
        try await rateLimits.check(.accounts, context)
        let input = try await RequestInput.parse(request)
        var errors = FieldErrors()
        let username = input.text("username", errors: &errors)
        let email = input.text("email", errors: &errors)
        let password = input.text("password", errors: &errors)
        let (user, token) = try await signUpUser(username: username, email: email, password: password, errors: errors)
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
        let (user, token) = try await logInUser(username: username!, password: password!)
        return try Self.loggedIn(user, token: token, status: .ok)
    }

    @Sendable func logOut(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await rateLimits.check(.accounts, context)
        if let viewer = context.viewer {
            try await logOutSession(tokenHash: viewer.tokenHash)
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
