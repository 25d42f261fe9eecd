import StarlingCore

extension RequestInput {
    /// A text field. Missing: "This field is required." when `required`. Only strings are text:
    /// a JSON number, boolean, array or object is a 400, never quietly turned into words. Control
    /// characters (NUL among them) are refused, except line breaks and tabs in `multiline` fields,
    /// so what is stored is exactly what was checked.
    public func text(_ name: String, required: Bool = true, multiline: Bool = false, errors: inout FieldErrors) -> String? {
        switch values[name] {
        case .string(let string):
            if let problem = Self.controlCharacterProblem(in: string, multiline: multiline) {
                errors.add(name, problem)
                return nil
            }
            return string
        case .null:
            if required { errors.add(name, "This field may not be null.") }
            return nil
        case .number, .bool, .structured:
            errors.add(name, "Not a valid string.")
            return nil
        case nil:
            if required { errors.add(name, "This field is required.") }
            return nil
        }
    }

    /// Why `text` may not be stored, or nil: C0 and C1 control characters and DEL are refused
    /// (line feed, carriage return and tab are allowed where `multiline`).
    static func controlCharacterProblem(in text: String, multiline: Bool) -> String? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { continue }
            if multiline, value == 0x0A || value == 0x0D || value == 0x09 { continue }
            return value == 0 ? "Null characters are not allowed." : "Control characters are not allowed."
        }
        return nil
    }

    /// A positive integer field (an id).
    public func integer(_ name: String, required: Bool = true, errors: inout FieldErrors) -> Int64? {
        switch values[name] {
        case .string(let text), .number(let text):
            guard text.utf8.count <= 40, let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
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
