// The conformance runner for Swift: every tests/conformance/*.json through the Swift API,
// by the rules of tests/conformance/README.md (the same as the Kotlin runner,
// bindings/kotlin/src/test/ConformanceTest.kt).
import Foundation
import XCTest
@testable import PubCat

final class ConformanceTests: XCTestCase {
    /// tests/conformance, found from this file's path (the package lives in bindings/swift).
    static let vectorsDir: URL = {
        if let dir = ProcessInfo.processInfo.environment["PUBCAT_CONFORMANCE_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tests/conformance")
    }()

    func testEveryVector() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.vectorsDir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(files.isEmpty, "no vectors in \(Self.vectorsDir.path)")
        for file in files {
            try run(vector: file)
        }
    }

    private func run(vector file: URL) throws {
        let vector = try JSON.parse(Data(contentsOf: file))
        let name = vector["name"]?.text ?? file.lastPathComponent
        let catalog: Catalog
        ownFile = nil
        switch vector["fixture"] {
        case let .string(spec)? where spec.hasPrefix("copy:"):
            // A writable copy of a file of the vectors folder, in a new folder.
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("pubcat-swift-conformance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("catalog.db")
            try FileManager.default.copyItem(at: Self.vectorsDir.appendingPathComponent(String(spec.dropFirst(5))), to: copy)
            ownFile = copy
            catalog = try Catalog.open(path: copy.path)
        case .string("demo")?: catalog = try Catalog.demo()
        case .string("empty")?: catalog = try Catalog.inMemory()
        case let fixture?:
            catalog = try Catalog.inMemory()
            _ = try catalog.importJson(json: fixture.text)
        case nil: return XCTFail("\(name): no fixture")
        }
        var saved: [String: JSON] = [:]
        guard case let .array(steps)? = vector["steps"] else { return XCTFail("\(name): no steps") }
        for (index, step) in steps.enumerated() {
            guard case let .string(op)? = step["op"] else { return XCTFail("\(name): step \(index + 1) has no op") }
            let args = substitute(step["args"] ?? .object([:]), saved)
            let here = "\(name): step \(index + 1) (\(op) \(args.text))"
            var result = JSON.null
            var failure: String? = nil
            do {
                result = try call(catalog, op, args)
            } catch let error as PubcatError {
                failure = kind(of: error)
            } catch is ArgError {
                failure = op == "search" ? "invalid_query" : "invalid_input"
            }
            if case let .string(expected)? = step["expect_error"] {
                XCTAssertEqual(failure, expected, "\(here): expected error \(expected), got \(failure ?? result.text)")
                continue
            }
            if let failure = failure { return XCTFail("\(here): unexpected error \(failure)") }
            if let expect = step["expect"], let why = match(expect, result) {
                return XCTFail("\(here): \(why)\n result: \(result.text.prefix(1500))")
            }
            if case let .object(save)? = step["save"] {
                for (key, pointer) in save {
                    guard case let .string(p) = pointer else { continue }
                    saved[key] = follow(result, p)
                }
            }
        }
        try? catalog.close()
        if let own = ownFile { try? FileManager.default.removeItem(at: own.deletingLastPathComponent()) }
    }

    /// The file of the vector's catalogue, for a `copy:` fixture (`check_file` without a path).
    private var ownFile: URL?

    private func call(_ c: Catalog, _ op: String, _ args: JSON) throws -> JSON {
        func str(_ key: String) throws -> String {
            guard case let .string(s)? = args[key] else { throw ArgError(description: "argument `\(key)` missing") }
            return s
        }
        switch op {
        case "search": return toJSON(try c.search(query: Args.query(args["query"])))
        case "type_ahead": return toJSON(try c.typeAhead(query: Args.query(args["query"])))
        case "publication": return toJSON(try c.publication(uid: str("uid")))
        case "translations": return toJSON(try c.translations(uid: str("uid")))
        case "related": return toJSON(try c.related(uid: str("uid")))
        case "project": return toJSON(try c.project(uid: str("uid")))
        case "projects": return toJSON(try c.projects())
        case "agent": return toJSON(try c.agent(uid: str("uid")))
        case "agents": return toJSON(try c.agents())
        case "concepts":
            let scheme = try args["scheme"].map { try decodeEnum($0, Scheme.self) }
            return toJSON(try c.concepts(scheme: scheme))
        case "stats": return toJSON(try c.stats())
        case "version": return toJSON(try c.version())
        case "changes_since":
            guard case let .number(v)? = args["version"] else { throw ArgError(description: "version missing") }
            return toJSON(try c.changesSince(version: Int64(v)))
        case "upsert_publication": return toJSON(try c.upsertPublication(publication: Args.publication(args["value"])))
        case "upsert_agent": return toJSON(try c.upsertAgent(agent: Args.agent(args["value"])))
        case "upsert_project": return toJSON(try c.upsertProject(project: Args.project(args["value"])))
        case "upsert_series": return toJSON(try c.upsertSeries(series: Args.series(args["value"])))
        case "upsert_concept": return toJSON(try c.upsertConcept(concept: Args.concept(args["value"])))
        case "delete_publication": try c.deletePublication(uid: str("uid"))
        case "delete_agent": try c.deleteAgent(uid: str("uid"))
        case "delete_project": try c.deleteProject(uid: str("uid"))
        case "delete_series": try c.deleteSeries(uid: str("uid"))
        case "delete_concept": try c.deleteConcept(uid: str("uid"))
        case "link_translation": try c.linkTranslation(a: str("a"), b: str("b"))
        case "add_relation": try c.addRelation(relation: Args.relation(args["value"]))
        case "remove_relation": try c.removeRelation(relation: Args.relation(args["value"]))
        case "merge_agents": try c.mergeAgents(from: str("from"), into: str("into"))
        case "series": return toJSON(try c.series(uid: str("uid")))
        case "unlink_translation": try c.unlinkTranslation(uid: str("uid"))
        case "tag": return toJSON(try c.tag(uid: str("uid"), concepts: Fields(args, "tag", allowed: ["uid", "concepts"]).strings("concepts")))
        case "untag": return toJSON(try c.untag(uid: str("uid"), concepts: Fields(args, "untag", allowed: ["uid", "concepts"]).strings("concepts")))
        case "set_field": return toJSON(try c.setField(uid: str("uid"), field: str("field"), value: str("value")))
        case "publication_fields": return toJSON(c.publicationFields())
        case "merge_series": try c.mergeSeries(from: str("from"), into: str("into"))
        case "merge_publications": try c.mergePublications(from: str("from"), into: str("into"))
        case "export_vocabulary":
            let scheme = try args["scheme"].map { try decodeEnum($0, Scheme.self) }
            return try JSON.parse(Data(try c.exportVocabulary(scheme: scheme).utf8))
        case "import_vocabulary": return toJSON(try c.importVocabulary(json: (args["document"] ?? .null).text))
        case "load_builtin_vocabularies": return toJSON(try c.loadBuiltinVocabularies())
        case "load_vocabulary": return toJSON(try c.loadVocabulary(text: (args["vocabulary"] ?? .null).text))
        case "tag_automatically": return toJSON(try c.tagAutomatically())
        case "remove_automatic_tags": return toJSON(try c.removeAutomaticTags())
        case "suggest_translations":
            let f = try Fields(args, "suggest_translations", allowed: ["min_score", "only", "limit"])
            let options = SuggestOptions(minScore: try f.optDouble("min_score"), only: try f.strings("only"),
                                         limit: try f.optInt32("limit"))
            return toJSON(try c.suggestTranslations(options: options))
        case "link_suggested_translations":
            let f = try Fields(args, "link_suggested_translations", allowed: ["min_score"])
            return toJSON(try c.linkSuggestedTranslations(minScore: try f.optDouble("min_score")))
        case "score_translation": return toJSON(try c.scoreTranslation(a: str("a"), b: str("b")))
        case "import_text":
            // The options are the core's ImportOptions record, built from the other arguments.
            let f = try Fields(args, "import_text", allowed: ["text", "format", "dry_run", "on_conflict", "lenient", "tag", "link_translations"])
            let options = ImportOptions(format: try f.enumValue("format", Format.self), dryRun: try f.bool("dry_run"),
                                        onConflict: try f.optEnum("on_conflict", OnConflict.self), lenient: try f.bool("lenient"),
                                        tag: try f.optBool("tag"), linkTranslations: try f.bool("link_translations"))
            return toJSON(try c.importText(text: try f.string("text"), options: options))
        case "import_document": return toJSON(try c.importJson(json: (args["document"] ?? .null).text))
        case "export_document": return try JSON.parse(Data(try c.exportJson(query: nil).utf8))
        case "close": try c.close()
        case "open_read_only":
            let path = Self.vectorsDir.appendingPathComponent(try str("path")).path
            let other = try Catalog.openReadOnly(path: path)
            defer { try? other.close() }
            return toJSON(try other.stats())
        case "check_file":
            let path: String
            if case let .string(relative)? = args["path"] {
                path = Self.vectorsDir.appendingPathComponent(relative).path
            } else if let own = ownFile {
                path = own.path
            } else {
                throw ArgError(description: "check_file without a path needs a copy: fixture")
            }
            var full = false
            if case let .bool(b)? = args["full"] { full = b }
            return toJSON(try checkFile(path: path, full: full))
        case "repair": return toJSON(try c.repair())
        default:
            XCTFail("unknown op `\(op)`: the Swift runner must learn it")
        }
        return .null
    }

    private func substitute(_ value: JSON, _ saved: [String: JSON]) -> JSON {
        switch value {
        case let .string(s) where s.hasPrefix("$"): return saved[String(s.dropFirst())] ?? value
        case let .array(a): return .array(a.map { substitute($0, saved) })
        case let .object(o): return .object(o.mapValues { substitute($0, saved) })
        default: return value
        }
    }

    /// RFC 6901 JSON pointer.
    private func follow(_ value: JSON, _ pointer: String) -> JSON {
        if pointer.isEmpty { return value }
        var node = value
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case let .object(o): node = o[token] ?? .null
            case let .array(a): node = Int(token).flatMap { $0 < a.count ? a[$0] : nil } ?? .null
            default: node = .null
            }
        }
        return node
    }
}

/// The stable code of an error kind (exhaustive: a new variant breaks the build).
func kind(of error: PubcatError) -> String {
    switch error {
    case .NotFound: return "not_found"
    case .InvalidInput: return "invalid_input"
    case .InvalidQuery: return "invalid_query"
    case .Parse: return "parse"
    case .Conflict: return "conflict"
    case .TooNew: return "too_new"
    case .NotACatalog: return "not_a_catalog"
    case .Corrupt: return "corrupt"
    case .Io: return "io"
    case .Sqlite: return "sqlite"
    case .Closed: return "closed"
    }
}
