import Hummingbird
import Media
import StarlingCore
import StarlingHTTP

/// `/api/profiles/{profile_id}/`: the owner changes their nickname. A profile's id is its user's id.
public struct ProfilesController: Sendable {
    let users: any UserRepository
    let images: StoreImages
    let counts: [any ProfileCounts]

    public init(users: any UserRepository, images: StoreImages, counts: [any ProfileCounts] = []) {
        self.users = users
        self.images = images
        self.counts = counts
    }

    /// The longest nickname accepted.
    public static let maximumNicknameLength = 200

    public func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("api/profiles/:id", use: show)
        router.put("api/profiles/:id", use: update)
        router.patch("api/profiles/:id", use: update)
    }

    /// Anyone may read a profile: the user, nickname, avatar, and counts from other domains.
    @Sendable func show(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        guard let user = try await users.user(id: try context.pathID()) else { throw StarlingError.notFound }
        var fields: [String: AnyEncodable] = [
            "id": AnyEncodable(user.id), "user": AnyEncodable(UserJSON(user)),
            "nickname": AnyEncodable(user.nickname), "avatar": AnyEncodable(UserJSON(user).avatarURL),
        ]
        for source in counts {
            for (name, value) in try await source.counts(userID: user.id) { fields[name] = AnyEncodable(value) }
        }
        return try JSONBody.response(fields)
    }

    @Sendable func update(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let id = try context.pathID()
        guard let before = try await users.user(id: id) else { throw StarlingError.notFound }
        guard id == viewer.userID else { throw StarlingError.forbidden("You can only change your own profile.") }
        let input = try await RequestInput.parse(request, maxBytes: images.maximumBytes + (1 << 20))
        var errors = FieldErrors()
        var changes = ProfileChanges()
        if input.values["nickname"] == .null {
            changes.nickname = .some(nil)
        } else if let nickname = input.text("nickname", required: false, errors: &errors) {
            let trimmed = nickname.trimmingCharacters(in: .whitespaces)
            if trimmed.count > Self.maximumNicknameLength {
                errors.add("nickname", "Ensure this field has no more than \(Self.maximumNicknameLength) characters.")
            }
            changes.nickname = .some(trimmed.isEmpty ? nil : trimmed)
        }
        if input.values["avatar"] == .null || input.values["avatar"] == .string("") {
            changes.avatarKey = .some(nil)
        } else if input.values["avatar"] != nil {
            errors.add("avatar", "The submitted data was not a file. Check the encoding type on the form.")
        }
        try errors.check()
        if let file = input.files["avatar"] {
            changes.avatarKey = .some(try await images(file, field: "avatar", folder: "avatars", maximumCount: 1).first)
        }
        guard let user = try await users.updateProfile(userID: id, changes: changes) else { throw StarlingError.notFound }
        if let old = before.avatarKey, old != user.avatarKey { await images.discard([old]) }
        return try JSONBody.response(ProfileJSON(nickname: user.nickname, avatar: UserJSON(user).avatarURL))
    }

    struct ProfileJSON: Encodable {
        let nickname: String?
        let avatar: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(nickname, forKey: .nickname)
            try container.encode(avatar, forKey: .avatar)
        }

        enum CodingKeys: String, CodingKey { case nickname, avatar }
    }
}
