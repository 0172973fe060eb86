// The Swift API, call by call (the Kotlin suite in bindings/kotlin/src/test has more).
import Foundation
import XCTest
@testable import PubCat

final class PubCatTests: XCTestCase {
    func testSearchWithDefaults() throws {
        let catalog = try Catalog.demo()
        let page = try catalog.search(query: Query(text: "cobalt"))
        XCTAssertGreaterThan(page.total, 0)
        XCTAssertTrue(page.hits[0].snippet?.contains("<mark>") ?? false)
        XCTAssertEqual(try catalog.search().total, 7)
    }

    func testPagingWithNextCursor() throws {
        let catalog = try Catalog.demo()
        var seen: [String] = []
        var cursor: String? = nil
        repeat {
            let page = try catalog.search(query: Query(preferLanguages: ["fr-CD", "en"], limit: 2, cursor: cursor))
            seen += page.hits.map(\.uid)
            cursor = page.nextCursor
        } while cursor != nil
        XCTAssertEqual(seen.count, Int(try catalog.stats().works))
        XCTAssertEqual(Set(seen).count, seen.count)
    }

    func testRecords() throws {
        let catalog = try Catalog.demo()
        let record = try catalog.publication(uid: "ipis-mapping-conflict-motives-m23-2012")
        XCTAssertEqual(record.date?.lower, "2012-01-01")
        XCTAssertEqual(record.contributors.first?.name, "IPIS")
        XCTAssertFalse(try catalog.concepts(scheme: .place).isEmpty)
        // Records the core's JSON flattens nest: ProjectRecord.project, AgentRecord.agent,
        // ConceptNode.concept.
        XCTAssertEqual(try catalog.project(uid: "madini").project.name, "Madini")
        XCTAssertEqual(try catalog.agent(uid: "ipis").agent.name, "IPIS")
    }

    func testWrites() throws {
        let catalog = try Catalog.inMemory()
        let ipis = Agent(uid: "ipis", kind: .organization, name: "IPIS")
        XCTAssertEqual(try catalog.upsertAgent(agent: ipis), .added)
        XCTAssertEqual(try catalog.upsertAgent(agent: ipis), .unchanged)
        let report = Publication(uid: "r1", language: "en", title: "Cobalt", kind: .report, date: "2021-07",
                                 contributors: [Contributor(agent: "ipis", role: .author)])
        XCTAssertEqual(try catalog.upsertPublication(publication: report), .added)
        XCTAssertEqual(try catalog.publication(uid: "r1").date?.upper, "2021-07-31")
        XCTAssertEqual(try catalog.changesSince(version: 0).changes.count, 2)
    }

    func testErrorsArriveAsTheirOwnCases() throws {
        let catalog = try Catalog.demo()
        XCTAssertThrowsError(try catalog.publication(uid: "nope")) { error in
            guard case PubcatError.NotFound(let message) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(message.isEmpty)
        }
        XCTAssertThrowsError(try catalog.search(query: Query(cursor: "not-a-cursor"))) { error in
            XCTAssertEqual(kind(of: error as! PubcatError), "invalid_query")
        }
        XCTAssertThrowsError(try Catalog.inMemory().importJson(json: "{\n oops")) { error in
            guard case PubcatError.Parse(_, let line, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
        }
        try catalog.close()
        XCTAssertThrowsError(try catalog.stats()) { error in
            XCTAssertEqual(kind(of: error as! PubcatError), "closed")
        }
    }

    func testPanicArrivesAsAnError() throws {
        // Needs the library built with `--features test-panic`.
        let catalog = try Catalog.demo()
        XCTAssertThrowsError(try catalog.panicForTest(message: "boom"))
        XCTAssertEqual(try catalog.stats().publications, 7)
    }

    func testConcurrentUse() throws {
        let catalog = try Catalog.demo()
        let expected = try catalog.search(query: Query(text: "cobalt")).hits.map(\.uid)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                XCTAssertEqual(try? catalog.search(query: Query(text: "cobalt")).hits.map(\.uid), expected)
            }
        }
    }

    // Swift concurrency (NOT COMPILED here: no Swift compiler on the development machines).

    func testAsyncSearchMatchesTheBlockingOne() async throws {
        let catalog = try Catalog.demo()
        let blocking = try catalog.search(query: Query(text: "cobalt"))
        let awaited = try await catalog.searchAsync(query: Query(text: "cobalt"))
        XCTAssertEqual(blocking, awaited)
        XCTAssertEqual(try await catalog.searchAsync(query: Query(limit: 50)).hits.count, 7)
        do {
            _ = try await catalog.searchAsync(query: Query(limit: -1))
            XCTFail("a negative limit was accepted")
        } catch let error as PubcatError {
            XCTAssertEqual(kind(of: error), "invalid_query")
        }
    }

    func testCancelledImportWritesNothing() async throws {
        let catalog = try Catalog.inMemory()
        let json = try Catalog.demo().exportJson(query: nil)
        let task = Task { try await catalog.importJsonSlowlyForTest(json: json, millis: 500) }
        try await Task.sleep(nanoseconds: 100_000_000)
        task.cancel()
        _ = await task.result
        try await Task.sleep(nanoseconds: 1_000_000_000)
        XCTAssertEqual(try catalog.stats().publications, 0)
    }

    func testVersionsFollowWrites() async throws {
        let catalog = try Catalog.inMemory()
        var iterator = catalog.versions().makeAsyncIterator()
        let first = try await iterator.next()
        _ = try catalog.upsertPublication(publication: Publication(uid: "p", language: "en", title: "T", kind: .report))
        let second = try await iterator.next()
        XCTAssertEqual(second, try catalog.version())
        XCTAssertGreaterThan(second!, first!)
    }

    func testPagesOfEveryHit() async throws {
        let catalog = try Catalog.demo()
        var uids: [String] = []
        for try await page in catalog.pages(of: Query(), pageSize: 3) { uids += page.hits.map(\.uid) }
        XCTAssertEqual(uids.count, 7)
        XCTAssertEqual(Set(uids).count, 7)
    }
}
