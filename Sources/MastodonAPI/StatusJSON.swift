import StarlingCore

/// Mastodon's Status entity: a tweet, a comment (a reply, with `in_reply_to_id`), or a reblog
/// (whose `reblog` is the original). There is deliberately no `scheduled_at` key: toot reads any
/// answer that has one as a scheduled status.
final class StatusJSON: Encodable, Sendable {
    let id: String
    let createdAt: String
    let inReplyToID: String?
    let inReplyToAccountID: String?
    let uri: String
    let url: String
    let account: AccountJSON
    let content: String
    /// The plain text; only in the answer to a delete (for "delete and redraft").
    let text: String?
    let mediaAttachments: [MediaAttachmentJSON]
    let reblogsCount: Int
    let favouritesCount: Int
    let repliesCount: Int
    let favourited: Bool
    let reblogged: Bool
    let reblog: StatusJSON?

    init(id: Int64, createdAt: Int64, inReplyToID: Int64?, inReplyToAccountID: Int64?, account: AccountJSON, text: String,
         includeText: Bool = false, media: [MediaAttachmentJSON], reblogsCount: Int, favouritesCount: Int, repliesCount: Int,
         favourited: Bool, reblogged: Bool, reblog: StatusJSON?, base: BaseURL) {
        self.id = String(id)
        self.createdAt = Timestamp.format(createdAt)
        self.inReplyToID = inReplyToID.map { String($0) }
        self.inReplyToAccountID = inReplyToAccountID.map { String($0) }
        self.uri = base.url("/users/\(account.username)/statuses/\(id)")
        self.url = base.url("/@\(account.username)/\(id)")
        self.account = account
        self.content = reblog == nil ? HTML.paragraph(text) : ""
        self.text = includeText ? text : nil
        self.mediaAttachments = media
        self.reblogsCount = reblogsCount
        self.favouritesCount = favouritesCount
        self.repliesCount = repliesCount
        self.favourited = favourited
        self.reblogged = reblogged
        self.reblog = reblog
    }

    enum CodingKeys: String, CodingKey {
        case id, uri, url, account, content, text, visibility, sensitive, mentions, tags, emojis, favourited, reblogged, muted, bookmarked,
             pinned, reblog, application, language, poll, card
        case createdAt = "created_at"
        case inReplyToID = "in_reply_to_id"
        case inReplyToAccountID = "in_reply_to_account_id"
        case spoilerText = "spoiler_text"
        case mediaAttachments = "media_attachments"
        case reblogsCount = "reblogs_count"
        case favouritesCount = "favourites_count"
        case repliesCount = "replies_count"
        case editedAt = "edited_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(inReplyToID, forKey: .inReplyToID)
        try container.encode(inReplyToAccountID, forKey: .inReplyToAccountID)
        try container.encode(false, forKey: .sensitive)
        try container.encode("", forKey: .spoilerText)
        try container.encode("public", forKey: .visibility)
        try container.encode("en", forKey: .language)
        try container.encode(uri, forKey: .uri)
        try container.encode(url, forKey: .url)
        try container.encode(repliesCount, forKey: .repliesCount)
        try container.encode(reblogsCount, forKey: .reblogsCount)
        try container.encode(favouritesCount, forKey: .favouritesCount)
        try container.encodeNil(forKey: .editedAt)
        try container.encode(favourited, forKey: .favourited)
        try container.encode(reblogged, forKey: .reblogged)
        try container.encode(false, forKey: .muted)
        try container.encode(false, forKey: .bookmarked)
        try container.encode(false, forKey: .pinned)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encode(reblog, forKey: .reblog)
        try container.encodeNil(forKey: .application)
        try container.encode(account, forKey: .account)
        try container.encode(mediaAttachments, forKey: .mediaAttachments)
        try container.encode([String](), forKey: .mentions)
        try container.encode([String](), forKey: .tags)
        try container.encode([String](), forKey: .emojis)
        try container.encodeNil(forKey: .card)
        try container.encodeNil(forKey: .poll)
    }
}
