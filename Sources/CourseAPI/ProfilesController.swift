import Accounts
import Hummingbird
import Media
import StarlingCore
import StarlingHTTP

/// `/api/profiles/{profile_id}/`: the owner changes their nickname. A profile's id is its user's id.
public struct ProfilesController: Sendable {
    let users: any UserRepository
    let updateProfile: UpdateProfile
    let counts: [any ProfileCounts]

    public init(users: any UserRepository, updateProfile: UpdateProfile, counts: [any ProfileCounts] = []) {
        self.users = users
        self.updateProfile = updateProfile
        self.counts = counts
    }

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
        guard try await users.user(id: id) != nil else { throw StarlingError.notFound }
        guard id == viewer.userID else { throw StarlingError.forbidden("You can only change your own profile.") }
        let input = try await RequestInput.parse(request, maxBytes: updateProfile.maximumUploadBytes)
        var errors = FieldErrors()
        var nickname = UpdateProfile.Change<String>.keep
        if input.values["nickname"] == .null {
            nickname = .set(nil)
        } else if let text = input.text("nickname", required: false, errors: &errors) {
            nickname = .set(text)
        }
        var avatar = UpdateProfile.Change<ImageUpload>.keep
        if input.values["avatar"] == .null || input.values["avatar"] == .string("") {
            avatar = .set(nil)
        } else if input.values["avatar"] != nil {
            errors.add("avatar", "The submitted data was not a file. Check the encoding type on the form.")
        }
        if let files = input.files["avatar"] {
            guard files.count <= 1 else { throw StarlingError.invalid("avatar", "Upload at most 1 image.") }
            avatar = .set(files.first.map(ImageUpload.init))
        }
        try errors.check()
        let user = try await updateProfile(userID: id, by: viewer.userID, nickname: nickname, avatar: avatar)
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
