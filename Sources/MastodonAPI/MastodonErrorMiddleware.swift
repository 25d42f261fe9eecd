import Hummingbird
import MastodonClients
import StarlingCore
import StarlingHTTP

/// Turns every error of a Mastodon route into Mastodon's shapes: `{"error": "…"}` (OAuth errors
/// add `error_description`), 401 for a missing or bad token, 404 for an unknown id, 422 for bad
/// input. Anything unmapped is a logged 500 that tells nothing about its cause.
public struct MastodonErrorMiddleware: RouterMiddleware {
    public typealias Context = StarlingRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StarlingError {
            return try Self.response(for: error)
        } catch let error as OAuthError {
            let status: HTTPResponse.Status = error.code == "invalid_client" ? .unauthorized : .badRequest
            return try JSONBody.response(OAuthErrorBody(error: error.code, errorDescription: error.description), status: status)
        } catch let error as HTTPError {
            let message = error.status == .notFound ? "Record not found" : (error.body ?? error.status.reasonPhrase)
            return try JSONBody.response(ErrorBody(error: message), status: error.status)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(String(reflecting: error))"])
            return try JSONBody.response(ErrorBody(error: "A server error occurred."), status: .internalServerError)
        }
    }

    static func response(for error: StarlingError) throws -> Response {
        if error.isBadRequest {
            let details = error.fieldErrors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.joined(separator: " "))" }
            let message = details.isEmpty ? error.message : "Validation failed: " + details.joined(separator: ", ")
            return try JSONBody.response(ErrorBody(error: message), status: .unprocessableContent)
        }
        if error.isNotFound { return try JSONBody.response(ErrorBody(error: "Record not found"), status: .notFound) }
        if error.isNotAuthenticated {
            return try JSONBody.response(ErrorBody(error: "The access token is invalid"), status: .unauthorized)
        }
        if error.isForbidden { return try JSONBody.response(ErrorBody(error: error.message), status: .forbidden) }
        if error.isRateLimited {
            var response = try JSONBody.response(ErrorBody(error: "Too many requests"), status: .tooManyRequests)
            let wait = error.retryAfterSeconds ?? 1
            response.headers[.retryAfter] = String(wait)
            RateLimitHeaders.rejected(retryAfterSeconds: wait).apply(to: &response)
            return response
        }
        if error.isMethodNotAllowed {
            var response = try JSONBody.response(ErrorBody(error: error.message), status: .methodNotAllowed)
            if let allow = error.allowedMethods { response.headers[.allow] = allow }
            return response
        }
        return try JSONBody.response(ErrorBody(error: error.message), status: .serviceUnavailable)
    }
}

/// Mastodon's error body.
struct ErrorBody: Encodable {
    let error: String
}

/// An OAuth error body (RFC 6749 §5.2).
struct OAuthErrorBody: Encodable {
    let error: String
    let errorDescription: String

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}
