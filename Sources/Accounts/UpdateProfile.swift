import Media
import StarlingCore

/// Changes a user's own profile: the nickname (trimmed, at most 200 characters, empty clears it)
/// and the avatar (a new image, or none). Only the owner may; a replaced avatar's file is removed.
public struct UpdateProfile: Sendable {
    /// The longest nickname accepted.
    public static let maximumNicknameLength = 200

    /// What to do with one field: leave it, or set it (nil clears).
    public enum Change<Value: Sendable>: Sendable {
        case keep
        case set(Value?)
    }

    let users: any UserRepository
    let images: StoreImages

    public init(users: any UserRepository, images: StoreImages) {
        self.users = users
        self.images = images
    }

    /// The largest request an update can need: one avatar and its form fields.
    public var maximumUploadBytes: Int { images.maximumBytes + (1 << 20) }

    /// The user after the change. Not found: a 404; someone else's profile: a 403; bad input: a
    /// 400 that changes nothing.
    public func callAsFunction(userID: Int64, by viewerID: Int64, nickname: Change<String> = .keep,
                               avatar: Change<ImageUpload> = .keep) async throws -> User {
        guard let before = try await users.user(id: userID) else { throw StarlingError.notFound }
        guard userID == viewerID else { throw StarlingError.forbidden("You can only change your own profile.") }
        var changes = ProfileChanges()
        if case .set(let text) = nickname {
            let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
            guard trimmed.count <= Self.maximumNicknameLength else {
                throw StarlingError.invalid("nickname", "Ensure this field has no more than \(Self.maximumNicknameLength) characters.")
            }
            changes.nickname = .some(trimmed.isEmpty ? nil : trimmed)
        }
        if case .set(let upload) = avatar {
            if let upload {
                changes.avatarKey = .some(try await images([upload], field: "avatar", folder: "avatars", maximumCount: 1).first)
            } else {
                changes.avatarKey = .some(nil)
            }
        }
        guard let user = try await users.updateProfile(userID: userID, changes: changes) else { throw StarlingError.notFound }
        if let old = before.avatarKey, old != user.avatarKey { await images.discard([old]) }
        return user
    }
}
