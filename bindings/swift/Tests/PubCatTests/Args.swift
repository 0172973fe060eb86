// Builds the generated records (the core's own types, in PubCatCore.swift) from the vectors'
// JSON arguments. A value the typed Swift API cannot express (an unknown enum code, a missing
// required field, an unknown field) throws ArgError before any call; the runner maps it to the
// kind the core gives the same text. Swift's memberwise initialisers take their labels in the
// order the core declares the fields.
import Foundation
@testable import PubCat

struct ArgError: Error, CustomStringConvertible {
    let description: String
}

/// One JSON object, read field by field; unknown fields are an error (as in the core).
struct Fields {
    let object: [String: JSON]
    let type: String

    init(_ json: JSON?, _ type: String, allowed: [String]) throws {
        guard case let .object(o)? = json else { throw ArgError(description: "\(type): not an object") }
        if let unknown = o.keys.first(where: { !allowed.contains($0) }) {
            throw ArgError(description: "unknown field `\(unknown)` of \(type)")
        }
        object = o
        self.type = type
    }

    private func present(_ key: String) -> JSON? {
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws -> String {
        guard let v = try optString(key) else { throw ArgError(description: "missing field `\(key)` of \(type)") }
        return v
    }

    func optString(_ key: String) throws -> String? {
        guard let v = present(key) else { return nil }
        guard case let .string(s) = v else { throw ArgError(description: "\(type).\(key): not a string") }
        return s
    }

    func strings(_ key: String) throws -> [String] {
        try list(key) { v in
            guard case let .string(s) = v else { throw ArgError(description: "\(type).\(key): not a string") }
            return s
        }
    }

    func bool(_ key: String) throws -> Bool {
        try optBool(key) ?? false
    }

    func optBool(_ key: String) throws -> Bool? {
        guard let v = present(key) else { return nil }
        guard case let .bool(b) = v else { throw ArgError(description: "\(type).\(key): not a boolean") }
        return b
    }

    func optDouble(_ key: String) throws -> Double? {
        guard let v = present(key) else { return nil }
        guard case let .number(n) = v else { throw ArgError(description: "\(type).\(key): not a number") }
        return n
    }

    func optInt32(_ key: String) throws -> Int32? {
        guard let v = present(key) else { return nil }
        guard case let .number(n) = v, n == n.rounded(), n >= Double(Int32.min), n <= Double(Int32.max) else { throw ArgError(description: "\(type).\(key): not an i32") }
        return Int32(n)
    }

    func list<T>(_ key: String, _ item: (JSON) throws -> T) throws -> [T] {
        guard let v = present(key) else { return [] }
        guard case let .array(a) = v else { throw ArgError(description: "\(type).\(key): not an array") }
        return try a.map(item)
    }

    func enumValue<E: CaseIterable>(_ key: String, _: E.Type) throws -> E {
        guard let v = try optEnum(key, E.self) else { throw ArgError(description: "missing field `\(key)` of \(type)") }
        return v
    }

    func optEnum<E: CaseIterable>(_ key: String, _: E.Type) throws -> E? {
        guard let v = present(key) else { return nil }
        return try decodeEnum(v, E.self)
    }

    func enums<E: CaseIterable>(_ key: String, _: E.Type) throws -> [E] {
        try list(key) { try decodeEnum($0, E.self) }
    }

    func labels(_ key: String) throws -> [String: String] {
        guard let v = present(key) else { throw ArgError(description: "missing field `\(key)` of \(type)") }
        guard case let .object(o) = v else { throw ArgError(description: "\(type).\(key): not an object") }
        return try o.mapValues { v in
            guard case let .string(s) = v else { throw ArgError(description: "\(type).\(key): not a string") }
            return s
        }
    }
}

func decodeEnum<E: CaseIterable>(_ json: JSON, _: E.Type) throws -> E {
    guard case let .string(s) = json else { throw ArgError(description: "\(E.self): not a string") }
    guard let value = E.allCases.first(where: { code($0) == s }) else { throw ArgError(description: "unknown \(E.self) `\(s)`") }
    return value
}

enum Args {
    static func query(_ json: JSON?) throws -> Query {
        let f = try Fields(json ?? .object([:]), "Query", allowed: ["text", "languages", "kinds", "projects", "agents",
            "agent_roles", "series", "concepts", "date_from", "date_to", "prefer_languages", "sort", "limit", "cursor", "facets"])
        return Query(
            text: try f.optString("text"), languages: try f.strings("languages"), kinds: try f.enums("kinds", Kind.self),
            projects: try f.strings("projects"), agents: try f.strings("agents"), agentRoles: try f.enums("agent_roles", Role.self),
            series: try f.strings("series"), concepts: try f.strings("concepts"), dateFrom: try f.optString("date_from"),
            dateTo: try f.optString("date_to"), preferLanguages: try f.strings("prefer_languages"),
            sort: try f.optEnum("sort", Sort.self), limit: try f.optInt32("limit"), cursor: try f.optString("cursor"),
            facets: try f.enums("facets", Facet.self))
    }

    static func identifier(_ json: JSON) throws -> Identifier {
        let f = try Fields(json, "Identifier", allowed: ["scheme", "value"])
        return Identifier(scheme: try f.enumValue("scheme", IdScheme.self), value: try f.string("value"))
    }

    static func publication(_ json: JSON?) throws -> Publication {
        let f = try Fields(json, "Publication", allowed: ["uid", "work", "language", "original", "title", "subtitle", "summary",
            "summary_is_excerpt", "body", "kind", "pages", "date", "series", "series_number", "contributors", "projects",
            "concepts", "identifiers", "links"])
        return Publication(
            uid: try f.string("uid"), work: try f.optString("work"), language: try f.string("language"),
            original: try f.bool("original"), title: try f.string("title"),
            subtitle: try f.optString("subtitle"), summary: try f.optString("summary"),
            summaryIsExcerpt: try f.bool("summary_is_excerpt"), body: try f.optString("body"),
            kind: try f.enumValue("kind", Kind.self), pages: try f.optInt32("pages"), date: try f.optString("date"),
            series: try f.optString("series"), seriesNumber: try f.optString("series_number"),
            contributors: try f.list("contributors") { c in
                let g = try Fields(c, "Contributor", allowed: ["agent", "role", "affiliation"])
                return Contributor(agent: try g.string("agent"), role: try g.enumValue("role", Role.self), affiliation: try g.optString("affiliation"))
            },
            projects: try f.strings("projects"), concepts: try f.strings("concepts"),
            identifiers: try f.list("identifiers", identifier),
            links: try f.list("links") { l in
                let g = try Fields(l, "Link", allowed: ["url", "kind", "media_type", "label"])
                return Link(url: try g.string("url"), kind: try g.enumValue("kind", LinkKind.self),
                            mediaType: try g.optString("media_type"), label: try g.optString("label"))
            })
    }

    static func agent(_ json: JSON?) throws -> Agent {
        let f = try Fields(json, "Agent", allowed: ["uid", "kind", "name", "given", "family", "acronym", "names", "identifiers"])
        return Agent(uid: try f.string("uid"), kind: try f.enumValue("kind", AgentKind.self), name: try f.string("name"),
                     given: try f.optString("given"), family: try f.optString("family"), acronym: try f.optString("acronym"),
                     names: try f.strings("names"), identifiers: try f.list("identifiers", identifier))
    }

    static func project(_ json: JSON?) throws -> Project {
        let f = try Fields(json, "Project", allowed: ["uid", "name", "acronym", "summary", "url", "date", "members"])
        return Project(uid: try f.string("uid"), name: try f.string("name"), acronym: try f.optString("acronym"),
                       summary: try f.optString("summary"), url: try f.optString("url"), date: try f.optString("date"),
                       members: try f.list("members") { m in
                           let g = try Fields(m, "ProjectMember", allowed: ["agent", "role"])
                           return ProjectMember(agent: try g.string("agent"), role: try g.enumValue("role", ProjectRole.self))
                       })
    }

    static func series(_ json: JSON?) throws -> Series {
        let f = try Fields(json, "Series", allowed: ["uid", "name", "publisher"])
        return Series(uid: try f.string("uid"), name: try f.string("name"), publisher: try f.optString("publisher"))
    }

    static func concept(_ json: JSON?) throws -> Concept {
        let f = try Fields(json, "Concept", allowed: ["uid", "scheme", "broader", "labels", "alt_labels", "identifiers"])
        return Concept(uid: try f.string("uid"), scheme: try f.enumValue("scheme", Scheme.self),
                       broader: try f.optString("broader"), labels: try f.labels("labels"),
                       altLabels: try f.list("alt_labels") { l in
                           let g = try Fields(l, "Label", allowed: ["language", "label"])
                           return Label(language: try g.string("language"), label: try g.string("label"))
                       },
                       identifiers: try f.list("identifiers", identifier))
    }

    static func relation(_ json: JSON?) throws -> Relation {
        let f = try Fields(json, "Relation", allowed: ["source", "type", "target"])
        return Relation(source: try f.string("source"), relationType: try f.enumValue("type", RelationType.self),
                        target: try f.string("target"))
    }
}
