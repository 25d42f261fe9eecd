import Hummingbird
import StarlingCore

extension Router where Context == StarlingRequestContext {
    /// Methods a path can be asked for that are not its own: answered 405 with `Allow`.
    static let answeredMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace, .connect]

    /// Answers 405 with an `Allow` header for every other method on every path that has routes,
    /// instead of the router's 404. Call once, after every route was added: it reads them all.
    /// HEAD is allowed wherever GET is (`HeadMiddleware` answers it).
    public func answerOtherMethods() {
        var methodsByPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            methodsByPath[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        for (_, entry) in methodsByPath {
            var allowed = entry.methods
            if allowed.contains(.get) { allowed.insert(.head) }
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for method in Self.answeredMethods where !allowed.contains(method) {
                on(entry.path, method: method) { request, _ -> Response in
                    throw StarlingError.methodNotAllowed(request.method.rawValue, allow: allow)
                }
            }
        }
    }
}

extension StarlingRequestContext {
    /// The integer id in the path parameter `name`; a non-numeric one is a 400.
    public func pathID(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), text.utf8.count <= 20, let id = Int64(text), id > 0, id <= IDGenerator.maximum else {
            throw StarlingError.invalid(name, "A valid integer is required.")
        }
        return id
    }
}
