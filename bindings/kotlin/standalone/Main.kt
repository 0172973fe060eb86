// A program written outside the project: no test helpers, only the published API. The test
// script compiles it on its own against the bindings jar (build/kotlin/pubcat-kotlin.jar),
// kotlin-stdlib, kotlinx-coroutines and JNA, and StandaloneProgramTest runs it.
//
//     kotlinc Main.kt -cp pubcat-kotlin.jar:kotlinx-coroutines-core-jvm.jar:jna.jar -d out
//     java -cp out:... MainKt catalogue.db
import kotlinx.coroutines.runBlocking
import org.pubcat.Catalog
import org.pubcat.core.Query

fun main(args: Array<String>) = runBlocking {
    val path = args.firstOrNull() ?: error("usage: MainKt CATALOGUE")
    val page = Catalog.open(path).use { it.search(Query(text = "cobalt")) }
    val suspended = Catalog.open(path).use { it.searchAsync(Query(text = "cobalt")) }
    val fifty = Catalog.open(path).use { it.searchAsync(Query(limit = 50)) }
    println("cobalt: ${page.total} hits; first: ${page.hits.first().title}")
    println("suspend: ${suspended.total} hits")
    println("limit 50: ${fifty.hits.size} of ${fifty.total}")
}
