import Foundation
import Hummingbird
import Logging
import Metrics
import Synchronization

/// Wraps the responder of any face (any router, any request context) with what operating it
/// needs, so every route gets it without knowing: a request id on every log line and in the
/// response (`RequestID`), one access log line per request (method, route, status, duration), and
/// the HTTP metrics — requests by route, method and status (`starling_http_requests_total`) and
/// their latency (`starling_http_request_duration_seconds`).
///
/// The route is the router's pattern (`/api/tweets/:id`), never the raw path, so a label keeps
/// to the routes there are.
public struct ObservedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: RequestContext {
    public typealias Context = Inner.Context

    let inner: Inner
    let metrics = HTTPMetrics()

    public init(_ inner: Inner) {
        self.inner = inner
    }

    @Sendable public func respond(to request: Request, context: Context) async throws -> Response {
        let id = RequestID.accepted(request.headers[RequestID.header]) ?? RequestID.mint()
        var context = context
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await RequestID.$current.withValue(id) {
                try await inner.respond(to: request, context: context)
            }
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            finish(request, context: context, status: .internalServerError, started: started)
            throw error
        }
        response.headers[RequestID.header] = id
        finish(request, context: context, status: response.status, started: started)
        return response
    }

    private func finish(_ request: Request, context: Context, status: HTTPResponse.Status, started: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        let method = HTTPMetrics.methods.contains(request.method) ? request.method.rawValue : "other"
        metrics.record(route: route, method: method, status: status.code, duration: duration)
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(method), "route": .string(route), "status": .stringConvertible(status.code),
            "duration_ms": .string(String(format: "%.3f", milliseconds)),
        ])
    }
}

/// The HTTP metrics' handles, made once per route, method and status (a backend lookup per
/// request would cost more than the request).
final class HTTPMetrics: Sendable {
    /// Methods labelled by name; any other is `other`.
    static let methods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]

    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private let handles = Mutex<[Key: (count: Counter, latency: Metrics.Timer)]>([:])

    func record(route: String, method: String, status: Int, duration: Duration) {
        let key = Key(route: route, method: method, status: status)
        let handle = handles.withLock { handles in
            if let handle = handles[key] { return handle }
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let handle = (Counter(label: "starling_http_requests_total", dimensions: dimensions),
                          Metrics.Timer(label: "starling_http_request_duration_seconds", dimensions: dimensions))
            handles[key] = handle
            return handle
        }
        handle.count.increment()
        handle.latency.record(duration: duration)
    }
}
