// The conformance runner: executes every tests/conformance/*.json through the Kotlin API,
// following tests/conformance/README.md (partial JSON match, expect_error by kind, save and
// "$name" substitution). One test per vector file.
//
// Results are compared in the core's JSON form: Records.toJson turns the generated records
// into maps with snake_case keys and the enums into their codes.
//
// A vector argument that does not fit the Kotlin records (a key they do not have, or lack)
// fails the step: the vectors and the bindings have drifted apart, and no error is assumed.
// An argument the typed Kotlin API cannot express at all (an unknown enum code such as
// `"kind": "novel"`, a string where a number goes) is handed, as JSON, to the core through
// the bindings' `queryFromJson` / `publicationFromJson` / ... and the core's error decides
// the step; if the core accepts what Kotlin could not convert, the step fails. The runner
// counts and prints those steps.
package org.pubcat.test

import java.io.File
import org.pubcat.*
import org.pubcat.core.*

object ConformanceTest : Suite("conformance") {
    private val dir = File(System.getProperty("pubcat.conformance.dir") ?: "tests/conformance")
    private var judgedByCore = 0

    init {
        val files = dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
        if (files.isEmpty()) {
            test("vectors present in ${dir.path}") { throw AssertionError("no conformance vectors found in ${dir.absolutePath}") }
        }
        for (file in files) {
            test(file.name) { runVector(file) }
        }
        if (files.isNotEmpty()) {
            test("files/ unchanged (SHA256SUMS)") { checkFiles() }
            test("summary") { println("     ($judgedByCore steps not expressible with Kotlin's types: their arguments went to the core as JSON, which gave the error)") }
        }
    }

    private class StepFailure(message: String) : AssertionError(message)

    private fun runVector(file: File) {
        val vector = Json.parse(file.readText()) as Map<*, *>
        val fixture = vector["fixture"]
        // A `copy:` fixture: a writable copy of a file of the vectors folder, in a new folder.
        ownFile = (fixture as? String)?.removePrefix("copy:")?.takeIf { it != fixture }?.let { source ->
            tempDir("pubcat-kt-conformance-").resolve("catalog.db").toFile().also { dir.resolve(source).copyTo(it) }
        }
        val catalog = when {
            ownFile != null -> Catalog.open(ownFile!!.path)
            fixture == "demo" -> Catalog.demo()
            fixture == "empty" -> Catalog.inMemory()
            fixture is Map<*, *> -> Catalog.inMemory().also { it.importJson(Json.write(fixture)) }
            else -> throw AssertionError("unknown fixture ${Json.write(fixture)}")
        }
        val saved = mutableMapOf<String, Any?>()
        replica?.close()
        replica = null
        catalog.use { c ->
            (vector["steps"] as List<*>).forEachIndexed { index, raw ->
                val step = raw as Map<*, *>
                val op = step["op"] as String
                val args = substitute(step["args"] ?: emptyMap<String, Any?>(), saved) as Map<*, *>
                val where = "${vector["name"]}: step ${index + 1} ($op ${Json.write(args)})"
                val outcome = try {
                    Result.success(Records.toJson(call(c, op, args)))
                } catch (e: PubcatException) {
                    Result.failure(e)
                } catch (e: ConversionException) {
                    if (e.reason != ConversionException.Reason.INEXPRESSIBLE) {
                        throw StepFailure("$where: the vector does not fit the Kotlin records (${e.message}): vectors and bindings disagree")
                    }
                    judgedByCore++
                    Result.failure(coreVerdict(op, args, e, where))
                }
                val expectedError = step["expect_error"] as String?
                if (expectedError != null) {
                    val error = outcome.exceptionOrNull()
                        ?: throw StepFailure("$where: expected error $expectedError, got ${Json.write(outcome.getOrNull())}")
                    val kind = kindOf(error as PubcatException)
                    if (kind != expectedError) throw StepFailure("$where: expected error $expectedError, got $kind: ${error.message}")
                    return@forEachIndexed
                }
                val error = outcome.exceptionOrNull()
                if (error != null) throw StepFailure("$where: unexpected ${error::class.simpleName}: ${error.message}")
                val result = outcome.getOrNull()
                if (step.containsKey("expect")) {
                    match(step["expect"], result, "")?.let { throw StepFailure("$where: $it\n     result: ${Json.write(result).take(1500)}") }
                }
                (step["save"] as Map<*, *>?)?.forEach { (name, pointer) -> saved[name as String] = pointer(result, pointer as String, where) }
            }
        }
        ownFile?.parentFile?.deleteRecursively()
    }

    /** The file of the vector's catalogue, for a `copy:` fixture (`check_file` without a path). */
    private var ownFile: File? = null

    /**
     * The core's error for a step whose arguments Kotlin's types cannot express (`rejected`):
     * the raw JSON goes through the bindings' parse entry point, and the core decides. If the
     * core accepts it, Kotlin's records or codes have drifted from the core's: the step fails.
     */
    private fun coreVerdict(op: String, args: Map<*, *>, rejected: ConversionException, where: String): PubcatException {
        val value = Json.write(args["value"])
        val parsed: Any = try {
            when (op) {
                "search", "type_ahead" -> queryFromJson(Json.write(args["query"] ?: emptyMap<String, Any?>()))
                "upsert_publication" -> publicationFromJson(value)
                "upsert_agent" -> agentFromJson(value)
                "upsert_project" -> projectFromJson(value)
                "upsert_series" -> seriesFromJson(value)
                "upsert_concept" -> conceptFromJson(value)
                "add_relation", "remove_relation" -> relationFromJson(value)
                else -> throw StepFailure("$where: Kotlin cannot express the arguments (${rejected.message}) and the bindings have no JSON entry point for `$op`")
            }
        } catch (e: PubcatException) {
            return e
        }
        throw StepFailure("$where: Kotlin's types reject the arguments (${rejected.message}) but the core accepts them as ${Json.write(Records.toJson(parsed))}: Kotlin records or codes differ from the core's")
    }

    /** Every file listed in files/SHA256SUMS still has its checksum (the list itself must exist). */
    private fun checkFiles() {
        val sums = dir.resolve("files/SHA256SUMS")
        if (!sums.isFile) throw AssertionError("${sums.path} is missing: the fixture files cannot be checked")
        val lines = sums.readLines().filter { it.isNotBlank() }
        if (lines.isEmpty()) throw AssertionError("${sums.path} lists no file")
        for (line in lines) {
            val (expected, name) = line.trim().split(Regex("\\s+\\*?"), limit = 2)
            val digest = java.security.MessageDigest.getInstance("SHA-256").digest(dir.resolve("files/$name").readBytes())
            val actual = digest.joinToString("") { "%02x".format(it) }
            if (actual != expected) throw AssertionError("files/$name was modified")
        }
    }

    /** Calls the Kotlin API for one step. */
    private fun call(c: Catalog, op: String, args: Map<*, *>): Any? {
        fun str(name: String) = args[name] as? String ?: throw AssertionError("argument `$name` missing or not a string")
        fun long(name: String) = (args[name] as? Number ?: throw AssertionError("argument `$name` missing or not a number")).toLong()
        fun strs(name: String) = (args[name] as? List<*> ?: throw AssertionError("argument `$name` missing or not a list")).map { it as? String ?: throw AssertionError("argument `$name` holds a non-string") }
        return when (op) {
            "search" -> c.search(Records.fromJson<Query>(args["query"] ?: emptyMap<String, Any?>()))
            "type_ahead" -> c.typeAhead(Records.fromJson<Query>(args["query"] ?: emptyMap<String, Any?>()))
            "publication" -> c.publication(str("uid"))
            "translations" -> c.translations(str("uid"))
            "related" -> c.related(str("uid"))
            "project" -> c.project(str("uid"))
            "projects" -> c.projects()
            "agent" -> c.agent(str("uid"))
            "agents" -> c.agents()
            "concepts" -> c.concepts(args["scheme"]?.let { Records.fromJson<Scheme>(it) })
            "stats" -> c.stats()
            "version" -> c.version()
            "changes_since" -> c.changesSince(long("version"))
            "upsert_publication" -> c.upsertPublication(Records.fromJson<Publication>(args["value"]))
            "upsert_agent" -> c.upsertAgent(Records.fromJson<Agent>(args["value"]))
            "upsert_project" -> c.upsertProject(Records.fromJson<Project>(args["value"]))
            "upsert_series" -> c.upsertSeries(Records.fromJson<Series>(args["value"]))
            "upsert_concept" -> c.upsertConcept(Records.fromJson<Concept>(args["value"]))
            "delete_publication" -> c.deletePublication(str("uid"))
            "delete_agent" -> c.deleteAgent(str("uid"))
            "delete_project" -> c.deleteProject(str("uid"))
            "delete_series" -> c.deleteSeries(str("uid"))
            "delete_concept" -> c.deleteConcept(str("uid"))
            "link_translation" -> c.linkTranslation(str("a"), str("b"))
            "add_relation" -> c.addRelation(Records.fromJson<Relation>(args["value"]))
            "remove_relation" -> c.removeRelation(Records.fromJson<Relation>(args["value"]))
            "merge_agents" -> c.mergeAgents(str("from"), str("into"))
            "series" -> c.series(str("uid"))
            "unlink_translation" -> c.unlinkTranslation(str("uid"))
            "tag" -> c.tag(str("uid"), strs("concepts"))
            "untag" -> c.untag(str("uid"), strs("concepts"))
            "set_field" -> c.setField(str("uid"), str("field"), str("value"))
            "publication_fields" -> c.publicationFields()
            "merge_series" -> c.mergeSeries(str("from"), str("into"))
            "merge_publications" -> c.mergePublications(str("from"), str("into"))
            "export_vocabulary" -> Json.parse(c.exportVocabulary(args["scheme"]?.let { Records.fromJson<Scheme>(it) }))
            "import_vocabulary" -> c.importVocabulary(Json.write(args["document"]))
            "load_builtin_vocabularies" -> c.loadBuiltinVocabularies()
            "load_vocabulary" -> c.loadVocabulary(Json.write(args["vocabulary"]))
            "tag_automatically" -> c.tagAutomatically()
            "remove_automatic_tags" -> c.removeAutomaticTags()
            "suggest_translations" -> c.suggestTranslations(Records.fromJson<SuggestOptions>(args))
            "link_suggested_translations" -> c.linkSuggestedTranslations((args["min_score"] as? Number)?.toDouble())
            "score_translation" -> c.scoreTranslation(str("a"), str("b"))
            "cite" -> c.cite(strs("uids"), Records.fromJson<CiteOptions>(args["options"] ?: emptyMap<String, Any?>()))
            "bibliography" -> c.bibliography(
                queryFromJson(Json.write(args["query"] ?: emptyMap<String, Any?>())),
                Records.fromJson<CiteOptions>(args["options"] ?: emptyMap<String, Any?>()),
            )
            // The options are the core's ImportOptions record, built from the other arguments.
            "import_text" -> c.importText(str("text"), Records.fromJson<ImportOptions>(args.filterKeys { it != "text" }))
            "import_document" -> c.importJson(Json.write(args["document"]))
            "export_document" -> Json.parse(c.exportJson())
            "close" -> c.closeConnection()
            "open_read_only" -> Catalog.openReadOnly(dir.resolve(str("path")).path).use { it.stats() }
            "check_file" -> checkFile(
                (args["path"] as String?)?.let { dir.resolve(it).path }
                    ?: ownFile?.path ?: throw AssertionError("check_file without a path needs a copy: fixture"),
                full = args["full"] as Boolean? ?: false,
            )
            "repair" -> c.repair()
            "export_changes", "replica_apply", "replica_set_field", "replica_publication", "replica_matches" ->
                syncCall(c, op, args)
            else -> throw AssertionError("unknown op `$op`: the Kotlin runner must learn it")
        }.let { if (it == Unit) null else it }
    }

    /** The second catalogue of the sync operations: a new in-memory one, made at its first use. */
    private var replica: Catalog? = null

    /** The sync operations: `export_changes` gives the delta file as text; `replica_*` run on
     *  [replica]. */
    private fun syncCall(c: Catalog, op: String, args: Map<*, *>): Any? {
        val r = replica ?: Catalog.inMemory().also { replica = it }
        fun str(name: String) = args[name] as? String ?: throw AssertionError("argument `$name` missing or not a string")
        return when (op) {
            "export_changes" -> String(c.exportChangesBytes((args["since_version"] as Number).toLong()), Charsets.UTF_8)
            "replica_apply" -> {
                var data = str("text").toByteArray(Charsets.UTF_8)
                data = data.copyOf(data.size - ((args["cut"] as? Number)?.toInt() ?: 0))
                (args["flip"] as? Number)?.toInt()?.let { data[it] = (data[it].toInt() xor 1).toByte() }
                val policy = args["on_conflict"]?.let { Records.fromJson<ConflictPolicy>(it) } ?: ConflictPolicy.REFUSE
                r.applyChangesBytes(data, policy)
            }
            "replica_set_field" -> r.setField(str("uid"), str("field"), str("value"))
            "replica_publication" -> r.publication(str("uid"))
            "replica_matches" -> Json.parse(r.exportJson()) == Json.parse(c.exportJson())
            else -> throw AssertionError("unknown sync op `$op`")
        }
    }

    /** Replaces every string `"$name"` in `value` by the saved value. */
    private fun substitute(value: Any?, saved: Map<String, Any?>): Any? = when (value) {
        is String -> if (value.startsWith("$") && value.drop(1) in saved) saved[value.drop(1)] else value
        is Map<*, *> -> value.entries.associate { (k, v) -> k to substitute(v, saved) }
        is List<*> -> value.map { substitute(it, saved) }
        else -> value
    }

    /** RFC 6901 JSON pointer. */
    private fun pointer(value: Any?, pointer: String, where: String): Any? {
        if (pointer.isEmpty()) return value
        return pointer.removePrefix("/").split('/').map { it.replace("~1", "/").replace("~0", "~") }.fold(value) { node, token ->
            when (node) {
                is Map<*, *> -> if (node.containsKey(token)) node[token] else throw StepFailure("$where: save: no `$token` in result")
                is List<*> -> node.getOrNull(token.toInt()) ?: throw StepFailure("$where: save: no index $token")
                else -> throw StepFailure("$where: save: cannot follow `$token`")
            }
        }
    }

    /** Null if `actual` matches `expect` (README rules), else what differs. */
    fun match(expect: Any?, actual: Any?, path: String): String? {
        if (expect is Map<*, *> && expect.size == 1 && (expect.keys.first() as String).startsWith("$")) {
            val (key, operand) = expect.entries.first()
            val list = actual as? List<*>
            val ok = when (key) {
                "\$len" -> list != null && list.size.toLong() == (operand as Number).toLong()
                "\$contains" -> list != null && list.any { match(operand, it, path) == null }
                "\$none" -> list != null && list.none { match(operand, it, path) == null }
                "\$gte" -> actual is Number && actual.toDouble() >= (operand as Number).toDouble() - 1e-9
                "\$contains_text" -> actual is String && actual.contains(operand as String)
                "\$absent" -> actual == null
                else -> return "$path: unknown matcher $key (the Kotlin runner must learn it)"
            }
            return if (ok) null else "$path: ${Json.write(actual).take(300)} does not match ${Json.write(expect)}"
        }
        return when (expect) {
            is Map<*, *> -> {
                if (actual !is Map<*, *>) return "$path: expected an object, got ${Json.write(actual)}"
                for ((k, v) in expect) {
                    val isAbsent = v is Map<*, *> && v.size == 1 && v.containsKey("\$absent")
                    if (!actual.containsKey(k) && !isAbsent) return "$path/$k: missing"
                    match(v, actual[k], "$path/$k")?.let { return it }
                }
                null
            }
            is List<*> -> {
                if (actual !is List<*>) return "$path: expected an array, got ${Json.write(actual)}"
                if (actual.size != expect.size) return "$path: expected ${expect.size} elements, got ${actual.size}"
                expect.indices.firstNotNullOfOrNull { i -> match(expect[i], actual[i], "$path/$i") }
            }
            is Number -> if (actual is Number && Math.abs(actual.toDouble() - expect.toDouble()) <= 1e-9) null
                else "$path: expected $expect, got ${Json.write(actual)}"
            else -> if (expect == actual) null else "$path: expected ${Json.write(expect)}, got ${Json.write(actual)}"
        }
    }
}
