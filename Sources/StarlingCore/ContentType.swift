/// The kinds of object the API names in likes and notifications (`"user"`, `"tweet"`, `"comment"`).
public enum ContentType: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case tweet
    case comment
}
