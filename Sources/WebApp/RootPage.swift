import Hummingbird
import StarlingCore
import StarlingHTTP

/// Answers `/` with the web app's page. It runs only for requests that no route matched (the
/// router's not-found path) and for routes added after it, so it never stands in front of the API.
struct RootPage: RouterMiddleware {
    typealias Context = StarlingRequestContext

    let app: WebAppController

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/" else { return try await next(request, context) }
        guard request.method == .get else { throw StarlingError.methodNotAllowed(request.method.rawValue, allow: "GET, HEAD") }
        return try app.respond(app.files["index.html"], to: request)
    }
}
