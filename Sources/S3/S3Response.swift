import NIOCore
import NIOHTTP1

/// An answer from S3 while its connection is still open: the head, and the body read piece by
/// piece (`next`), so an object streams instead of being loaded whole.
public struct S3Response {
    public let head: HTTPResponseHead
    var parts: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    var finished = false

    /// The status code.
    public var status: Int { Int(head.status.code) }

    /// The next piece of the body, or nil at its end.
    public mutating func next() async throws -> ByteBuffer? {
        while !finished {
            switch try await parts.next() {
            case .body(let buffer): return buffer
            case .end, nil: finished = true
            case .head: continue
            }
        }
        return nil
    }

    /// The whole body, refusing one larger than `limit` bytes.
    public mutating func collect(upTo limit: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        while var piece = try await next() {
            guard body.readableBytes + piece.readableBytes <= limit else { throw S3Error.status(status, "body larger than \(limit) bytes") }
            body.writeBuffer(&piece)
        }
        return body
    }

    /// S3's error code from an XML error body (`<Code>NoSuchBucket</Code>`), for messages.
    mutating func errorSummary() async -> String {
        guard let body = try? await collect(upTo: 64 << 10) else { return "\(head.status)" }
        let text = String(buffer: body)
        if let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex) {
            return String(text[start.upperBound..<end.lowerBound])
        }
        return "\(head.status)"
    }
}
