import Hummingbird

/// Answers HEAD wherever GET is answered: the request is routed as a GET and its response goes
/// out with the same status and headers (`Content-Length` included) but no body. It wraps the
/// router's responder, because the router picks a route by method before any middleware runs.
public struct HeadResponder<Inner: HTTPResponder>: HTTPResponder {
    public typealias Context = Inner.Context

    let inner: Inner

    public init(_ inner: Inner) {
        self.inner = inner
    }

    @Sendable public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        let response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        var headers = response.headers
        if headers[.contentLength] == nil, let length = response.body.contentLength {
            headers[.contentLength] = String(length)
        }
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }
}
