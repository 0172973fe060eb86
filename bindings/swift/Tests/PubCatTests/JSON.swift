// JSON values for the conformance runner: parsing (Foundation), conversion of the generated
// records to the core's JSON form (Mirror: camelCase -> snake_case, enum cases -> codes), and
// the README's partial matching rules.
import Foundation
@testable import PubCat

indirect enum JSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    static func parse(_ data: Data) throws -> JSON {
        from(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    static func from(_ any: Any) -> JSON {
        switch any {
        case is NSNull: return .null
        case let n as NSNumber:
            // JSONSerialization gives booleans as NSNumber with objCType "c".
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map(from))
        case let o as [String: Any]: return .object(o.mapValues(from))
        default: return .string("\(any)")
        }
    }

    /// Foundation form, for JSONSerialization.data(withJSONObject:).
    var foundation: Any {
        switch self {
        case .null: return NSNull()
        case let .bool(b): return b
        case let .number(n): return n == n.rounded() && abs(n) < 1e15 ? NSNumber(value: Int64(n)) : NSNumber(value: n)
        case let .string(s): return s
        case let .array(a): return a.map { $0.foundation }
        case let .object(o): return o.mapValues { $0.foundation }
        }
    }

    var text: String {
        guard let data = try? JSONSerialization.data(withJSONObject: foundation, options: [.fragmentsAllowed, .sortedKeys]) else { return "?" }
        return String(decoding: data, as: UTF8.self)
    }

    subscript(key: String) -> JSON? {
        if case let .object(o) = self { return o[key] }
        return nil
    }
}

/// Kotlin-style names to the core's JSON keys.
func snake(_ name: String) -> String {
    if name == "relationType" { return "type" }
    var out = ""
    for ch in name {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

/// The code of a generated enum case: `.reviewPaper` -> "review_paper",
/// `RelationType.isNewVersionOf` -> "IsNewVersionOf".
func code(_ value: Any) -> String {
    let name = String(describing: value)
    if value is RelationType { return name.prefix(1).uppercased() + name.dropFirst() }
    if value is Format { return snake(name).replacingOccurrences(of: "_", with: "-") }  // csl-json
    return snake(name)
}

/// Record fields the core's serde form flattens (`#[serde(flatten)]`): in JSON their fields sit
/// in the enclosing object; the generated records nest them (`AgentRecord.agent.name`).
let flattened: Set<String> = ["AgentRecord.agent", "ProjectRecord.project", "ConceptNode.concept"]

/// A generated record (or list, map, enum, number...) as JSON.
func toJSON(_ value: Any) -> JSON {
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
        guard let inner = mirror.children.first else { return .null }
        return toJSON(inner.value)
    }
    switch value {
    case let s as String: return .string(s)
    case let b as Bool: return .bool(b)
    case let n as Int64: return .number(Double(n))
    case let n as Int32: return .number(Double(n))
    case let n as UInt64: return .number(Double(n))
    case let n as UInt32: return .number(Double(n))
    case let n as Double: return .number(n)
    default: break
    }
    switch mirror.displayStyle {
    case .collection?, .set?:
        return .array(mirror.children.map { toJSON($0.value) })
    case .dictionary?:
        var out: [String: JSON] = [:]
        for child in mirror.children {
            let pair = Array(Mirror(reflecting: child.value).children)
            out["\(pair[0].value)"] = toJSON(pair[1].value)
        }
        return .object(out)
    case .struct?:
        var out: [String: JSON] = [:]
        let typeName = String(describing: type(of: value))
        for child in mirror.children {
            guard let label = child.label else { continue }
            if flattened.contains("\(typeName).\(label)"), case let .object(inner) = toJSON(child.value) {
                out.merge(inner) { _, nested in nested }
            } else {
                out[snake(label)] = toJSON(child.value)
            }
        }
        return .object(out)
    case .enum?:
        return .string(code(value))
    default:
        return .string("\(value)")
    }
}

/// nil if `actual` matches `expect` (tests/conformance/README.md), else what differs.
func match(_ expect: JSON, _ actual: JSON, _ path: String = "") -> String? {
    if case let .object(o) = expect, o.count == 1, let (key, operand) = o.first, key.hasPrefix("$") {
        let list: [JSON]? = { if case let .array(a) = actual { return a }; return nil }()
        let ok: Bool
        switch key {
        case "$len": if case let .number(n) = operand { ok = list?.count == Int(n) } else { ok = false }
        case "$contains": ok = list?.contains { match(operand, $0, path) == nil } ?? false
        case "$none": ok = list.map { !$0.contains { match(operand, $0, path) == nil } } ?? false
        case "$gte":
            if case let .number(n) = operand, case let .number(a) = actual { ok = a >= n - 1e-9 } else { ok = false }
        case "$contains_text":
            if case let .string(s) = operand, case let .string(a) = actual { ok = a.contains(s) } else { ok = false }
        case "$absent": ok = actual == .null
        default: return "\(path): unknown matcher \(key)"
        }
        return ok ? nil : "\(path): \(actual.text.prefix(300)) does not match \(expect.text)"
    }
    switch (expect, actual) {
    case let (.object(e), .object(a)):
        for (key, value) in e {
            let absentOK: Bool = { if case let .object(v) = value, v["$absent"] != nil { return true }; return false }()
            guard let got = a[key] else {
                if absentOK { continue }
                return "\(path)/\(key): missing"
            }
            if let why = match(value, got, "\(path)/\(key)") { return why }
        }
        return nil
    case let (.array(e), .array(a)):
        guard e.count == a.count else { return "\(path): expected \(e.count) elements, got \(a.count)" }
        for (i, pair) in zip(e, a).enumerated() {
            if let why = match(pair.0, pair.1, "\(path)/\(i)") { return why }
        }
        return nil
    case let (.number(e), .number(a)):
        return abs(e - a) <= 1e-9 ? nil : "\(path): expected \(e), got \(a)"
    default:
        return expect == actual ? nil : "\(path): expected \(expect.text), got \(actual.text)"
    }
}
