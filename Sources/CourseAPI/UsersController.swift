import Accounts
import Hummingbird
import StarlingCore
import StarlingHTTP

/// `/api/users/`: the admin's list of users, with page-number pagination.
public struct UsersController: Sendable {
    let users: any UserRepository
    /// Users per page.
    let pageSize: Int

    public init(users: any UserRepository, pageSize: Int = 20) {
        self.users = users
        self.pageSize = pageSize
    }

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/users", use: list)
        router.get("api/users/:id", use: detail)
    }

    @Sendable func list(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await requireAdmin(context)
        var errors = FieldErrors()
        let page = QueryInput(request).pageNumber(errors: &errors)
        try errors.check()
        let (total, found) = try await users.list(offset: page.offset(pageSize: pageSize), limit: pageSize)
        return try JSONBody.response(NumberedPage(page: page, pageSize: pageSize, count: total, results: found.map(AdminUserJSON.init),
                                                  base: "http://\(request.head.authority ?? "localhost")/api/users/"))
    }

    @Sendable func detail(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        try await requireAdmin(context)
        guard let user = try await users.user(id: try context.pathID()) else { throw StarlingError.notFound }
        return try JSONBody.response(AdminUserJSON(user))
    }

    private func requireAdmin(_ context: StarlingRequestContext) async throws {
        let viewer = try context.requireViewer()
        guard try await users.user(id: viewer.userID)?.isStaff == true else { throw StarlingError.forbidden() }
    }

    struct AdminUserJSON: Encodable {
        let id: Int64
        let username: String
        let email: String
        let nickname: String?
        let avatarURL: String?
        let isStaff: Bool

        init(_ user: User) {
            id = user.id
            username = user.username
            email = user.email
            nickname = user.nickname
            avatarURL = UserJSON(user).avatarURL
            isStaff = user.isStaff
        }

        enum CodingKeys: String, CodingKey {
            case id, username, email, nickname
            case avatarURL = "avatar_url"
            case isStaff = "is_staff"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(username, forKey: .username)
            try c.encode(email, forKey: .email)
            try c.encode(nickname, forKey: .nickname)
            try c.encode(avatarURL, forKey: .avatarURL)
            try c.encode(isStaff, forKey: .isStaff)
        }
    }
}
