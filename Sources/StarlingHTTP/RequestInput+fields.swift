import StarlingCore

extension RequestInput {
    /// A text field. Missing: "This field is required." when `required`; numbers and booleans
    /// are accepted as their text, as the course's API did; structured values are rejected.
    public func text(_ name: String, required: Bool = true, errors: inout FieldErrors) -> String? {
        switch values[name] {
        case .string(let string):
            return string
        case .number(let text):
            return text
        case .bool(let bool):
            return bool ? "true" : "false"
        case .null:
            if required { errors.add(name, "This field may not be null.") }
            return nil
        case .structured:
            errors.add(name, "Not a valid string.")
            return nil
        case nil:
            if required { errors.add(name, "This field is required.") }
            return nil
        }
    }

    /// A positive integer field (an id).
    public func integer(_ name: String, required: Bool = true, errors: inout FieldErrors) -> Int64? {
        switch values[name] {
        case .string(let text), .number(let text):
            guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                errors.add(name, "A valid integer is required.")
                return nil
            }
            return value
        case nil:
            if required { errors.add(name, "This field is required.") }
            return nil
        default:
            errors.add(name, "A valid integer is required.")
            return nil
        }
    }

    /// A boolean field: JSON booleans, or the words and digits forms send.
    public func boolean(_ name: String, required: Bool = true, errors: inout FieldErrors) -> Bool? {
        switch values[name] {
        case .bool(let bool):
            return bool
        case .string(let text), .number(let text):
            switch text.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default:
                errors.add(name, "Must be a valid boolean.")
                return nil
            }
        case nil:
            if required { errors.add(name, "This field is required.") }
            return nil
        default:
            errors.add(name, "Must be a valid boolean.")
            return nil
        }
    }

    /// Whether the client sent the field at all.
    public func has(_ name: String) -> Bool {
        values[name] != nil || files[name] != nil
    }
}
