import NIOCore

/// The header frame between a content-carrying method and its body frames: the body's size and
/// the message properties.
public struct AMQPContentHeader: Sendable, Equatable {
    public var bodySize: UInt64
    public var properties: AMQPProperties

    public init(bodySize: UInt64, properties: AMQPProperties) {
        self.bodySize = bodySize
        self.properties = properties
    }

    public func encode(into b: inout ByteBuffer) {
        let p = properties
        b.writeInteger(UInt16(60))
        b.writeInteger(UInt16(0))
        b.writeInteger(bodySize)
        var flags: UInt16 = 0
        let present: [Bool] = [p.contentType != nil, p.contentEncoding != nil, p.headers != nil, p.deliveryMode != nil, p.priority != nil,
                               p.correlationID != nil, p.replyTo != nil, p.expiration != nil, p.messageID != nil, p.timestamp != nil,
                               p.type != nil, p.userID != nil, p.appID != nil, p.clusterID != nil]
        for (index, isPresent) in present.enumerated() where isPresent { flags |= 1 << (15 - index) }
        b.writeInteger(flags)
        if let v = p.contentType { b.writeShortString(v) }
        if let v = p.contentEncoding { b.writeShortString(v) }
        if let v = p.headers { b.writeTable(v) }
        if let v = p.deliveryMode { b.writeInteger(v) }
        if let v = p.priority { b.writeInteger(v) }
        for v in [p.correlationID, p.replyTo, p.expiration, p.messageID] { if let v { b.writeShortString(v) } }
        if let v = p.timestamp { b.writeInteger(v) }
        for v in [p.type, p.userID, p.appID, p.clusterID] { if let v { b.writeShortString(v) } }
    }

    public static func decode(_ payload: ByteBuffer) throws -> AMQPContentHeader {
        var b = payload
        _ = try b.readAMQP(UInt16.self)  // class id
        _ = try b.readAMQP(UInt16.self)  // weight
        let size: UInt64 = try b.readAMQP()
        let flags: UInt16 = try b.readAMQP()
        guard flags & 1 == 0 else { throw AMQPError.malformedFrame("continued property flags") }
        func has(_ index: Int) -> Bool { flags & (1 << (15 - index)) != 0 }
        var p = AMQPProperties()
        if has(0) { p.contentType = try b.readShortString() }
        if has(1) { p.contentEncoding = try b.readShortString() }
        if has(2) { p.headers = try b.readTable() }
        if has(3) { p.deliveryMode = try b.readAMQP() }
        if has(4) { p.priority = try b.readAMQP() }
        if has(5) { p.correlationID = try b.readShortString() }
        if has(6) { p.replyTo = try b.readShortString() }
        if has(7) { p.expiration = try b.readShortString() }
        if has(8) { p.messageID = try b.readShortString() }
        if has(9) { p.timestamp = try b.readAMQP() }
        if has(10) { p.type = try b.readShortString() }
        if has(11) { p.userID = try b.readShortString() }
        if has(12) { p.appID = try b.readShortString() }
        if has(13) { p.clusterID = try b.readShortString() }
        return AMQPContentHeader(bodySize: size, properties: p)
    }
}
