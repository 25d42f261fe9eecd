import Notifications
import Accounts
import StarlingCore

/// A notification with the course's field names, plus the embedded `actor`.
struct NotificationJSON: Encodable, Sendable {
    let notification: Notification
    let actor: UserJSON?

    init(_ notification: Notification, actor: User?) {
        self.notification = notification
        self.actor = actor.map { UserJSON($0) }
    }

    enum CodingKeys: String, CodingKey {
        case id, verb, timestamp, unread, actor
        case actorContentType = "actor_content_type"
        case actorObjectID = "actor_object_id"
        case actionObjectContentType = "action_object_content_type"
        case actionObjectObjectID = "action_object_object_id"
        case targetContentType = "target_content_type"
        case targetObjectID = "target_object_id"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(notification.id, forKey: .id)
        try c.encode(ContentType.user.rawValue, forKey: .actorContentType)
        try c.encode(notification.actorID, forKey: .actorObjectID)
        try c.encode(notification.verb.rawValue, forKey: .verb)
        try c.encode(notification.actionObject?.type.rawValue, forKey: .actionObjectContentType)
        try c.encode(notification.actionObject?.id, forKey: .actionObjectObjectID)
        try c.encode(notification.target?.type.rawValue, forKey: .targetContentType)
        try c.encode(notification.target?.id, forKey: .targetObjectID)
        try c.encode(Timestamp.format(notification.timestamp), forKey: .timestamp)
        try c.encode(notification.unread, forKey: .unread)
        try c.encode(actor, forKey: .actor)
    }
}
