import NIOCore

/// Writes meta commands as the text the server reads, with no socket. Many requests written into
/// one buffer go out in one write: that is a pipeline.
public struct MemcachedRequestEncoder: Sendable {
    public init() {}

    /// Appends the request's command line (and an `ms`'s data block) to `buffer`. Throws
    /// `MemcachedError.invalidKey` for a key the protocol cannot carry, writing nothing.
    public func encode(_ request: MemcachedRequest, into buffer: inout ByteBuffer) throws(MemcachedError) {
        guard !request.hasKey || MemcachedKey.isValid(request.key) else { throw .invalidKey(request.key) }
        buffer.writeString(request.command.rawValue)
        if request.hasKey {
            buffer.writeInteger(UInt8(ascii: " "))
            buffer.writeString(request.key)
        }
        if request.command == .set {
            buffer.writeString(" \(request.value?.readableBytes ?? 0)")
        }
        for flag in request.flags {
            buffer.writeInteger(UInt8(ascii: " "))
            buffer.writeString(Self.text(of: flag))
        }
        buffer.writeStaticString("\r\n")
        if request.command == .set {
            if let value = request.value { buffer.writeImmutableBuffer(value) }
            buffer.writeStaticString("\r\n")
        }
    }

    /// Appends every request, in order.
    public func encode(_ requests: some Sequence<MemcachedRequest>, into buffer: inout ByteBuffer) throws(MemcachedError) {
        for request in requests { try encode(request, into: &buffer) }
    }

    static func text(of flag: MemcachedFlag) -> String {
        switch flag {
        case .value: "v"
        case .ttl(let seconds): "T\(max(0, seconds))"
        case .returnTTL: "t"
        case .returnCAS: "c"
        case .compareCAS(let cas): "C\(cas)"
        case .returnKey: "k"
        case .opaque(let token): "O\(token)"
        case .quiet: "q"
        case .vivify(let seconds): "N\(max(0, seconds))"
        case .invalidate: "I"
        case .delta(let delta): "D\(delta)"
        case .initial(let value): "J\(value)"
        case .mode(let mode): "M\(mode.rawValue)"
        case .base64Key: "b"
        }
    }
}
