import Hummingbird
import StarlingCore

extension RouterMethods where Context == StarlingRequestContext {
    /// Answers 405 for every method a path does not serve, instead of the router's 404.
    @discardableResult
    public func rejectOtherMethods(_ path: RouterPath, allowed: [HTTPRequest.Method]) -> Self {
        let all: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for method in all where !allowed.contains(method) {
            on(path, method: method) { request, _ -> Response in
                throw StarlingError.methodNotAllowed(request.method.rawValue)
            }
        }
        return self
    }
}

extension StarlingRequestContext {
    /// The integer id in the path parameter `name`; a non-numeric one is a 400.
    public func pathID(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0, id <= IDGenerator.maximum else {
            throw StarlingError.invalid(name, "A valid integer is required.")
        }
        return id
    }
}
