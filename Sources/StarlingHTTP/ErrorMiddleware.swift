import Hummingbird
import Logging
import StarlingCore

/// Turns every error into the JSON shapes of the API. Anything not deliberately mapped becomes a
/// logged 500 with a JSON body; driver errors never reach a client.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = StarlingRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StarlingError {
            return try Self.response(for: error)
        } catch let error as HTTPError {
            return try Self.response(for: error, request: request)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
            return try JSONBody.response(Detail(detail: "A server error occurred."), status: .internalServerError)
        }
    }

    static func response(for error: StarlingError) throws -> Response {
        if error.isBadRequest {
            let body = BadRequestBody(message: error.message, errors: error.fieldErrors.isEmpty ? nil : error.fieldErrors)
            return try JSONBody.response(body, status: .badRequest)
        }
        let status: HTTPResponse.Status =
            error.isNotFound ? .notFound
            : error.isNotAuthenticated || error.isForbidden ? .forbidden
            : error.isMethodNotAllowed ? .methodNotAllowed
            : error.isRateLimited ? .tooManyRequests
            : .serviceUnavailable
        var response = try JSONBody.response(Detail(detail: error.message), status: status)
        if let seconds = error.retryAfterSeconds {
            response.headers[.retryAfter] = String(seconds)
        }
        if let allow = error.allowedMethods {
            response.headers[.allow] = allow
        }
        return response
    }

    static func response(for error: HTTPError, request: Request) throws -> Response {
        let detail: String
        switch error.status {
        case .notFound: detail = "Not found."
        case .methodNotAllowed: detail = "Method \"\(request.method)\" not allowed."
        case .contentTooLarge: detail = "Request body too large."
        default: detail = error.body ?? error.status.reasonPhrase
        }
        if error.status == .badRequest {
            return try JSONBody.response(BadRequestBody(message: detail, errors: nil), status: .badRequest)
        }
        return try JSONBody.response(Detail(detail: detail), status: error.status)
    }

    struct Detail: Encodable {
        let detail: String
    }

    struct BadRequestBody: Encodable {
        var success = false
        let message: String
        let errors: [String: [String]]?
    }
}
