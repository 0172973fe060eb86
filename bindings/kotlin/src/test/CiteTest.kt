// Citations through the Kotlin API (issue 16, item 1): Catalog.cite and Catalog.bibliography on
// the demo catalogue in the built-in styles, French and Dutch terms, HTML and Markdown, the
// reader's language version, a .csl text, and the typed errors.
package org.pubcat.test

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.pubcat.*
import org.pubcat.core.*

object CiteTest : Suite("cite") {
    private const val M23 = "ipis-mapping-conflict-motives-m23-2012"
    private const val EN = "conflict-minerals-perceptions-en"

    private fun options(style: String = "apa", locale: String? = null, format: CiteFormat = CiteFormat.TEXT) =
        CiteOptions(style = style, locale = locale, format = format)

    init {
        test("cite: APA by default, one reference and citation per uid in the order given") {
            Catalog.demo().use { c ->
                val refs = c.cite(listOf(M23, EN), options())
                assertEquals(listOf(M23, EN), refs.map { it.uid })
                assertEquals("IPIS. (2012). Mapping Conflict Motives: M23 (Mapping Conflict Motives).", refs[0].text)
                assertEquals("(IPIS, 2012)", refs[0].citation)
                assertTrue(refs[1].text.contains("(n.d.)"), refs[1].text)
            }
        }
        test("cite: French and Dutch terms, IEEE numbers, HTML and Markdown") {
            Catalog.demo().use { c ->
                assertTrue(c.cite(listOf(EN), options(locale = "fr-FR"))[0].text.contains("(s.\u00a0d.)"))
                assertTrue(c.cite(listOf(EN), options(locale = "nl-NL"))[0].text.contains("(z.d.)"))
                val ieee = c.cite(listOf(EN, M23), options(style = "ieee"))
                assertEquals(listOf("[1]", "[2]"), ieee.map { it.citation })
                val html = c.cite(listOf(M23), options(style = "chicago-author-date", format = CiteFormat.HTML))[0]
                assertTrue(html.text.contains("<i>Mapping Conflict Motives: M23</i>"), html.text)
                val md = c.cite(listOf(M23), options(style = "harvard", locale = "en-GB", format = CiteFormat.MARKDOWN))[0]
                assertTrue(md.text.contains("*Mapping Conflict Motives: M23*"), md.text)
            }
        }
        test("cite: the reader's language version; bibliography of a query in the style's order") {
            Catalog.demo().use { c ->
                val fr = c.cite(listOf(EN), CiteOptions(format = CiteFormat.TEXT, preferLanguages = listOf("fr", "en")))
                assertEquals("conflict-minerals-perceptions-fr", fr[0].uid)
                val bib = c.bibliography(Query(projects = listOf("madini")), options())
                assertEquals(2, bib.references.size)
                assertTrue(bib.references[0].text.startsWith("IPIS. (n.d.)."), bib.references[0].text)
                assertTrue(bib.references[1].text.startsWith("Levin Sources. (n.d.)."), bib.references[1].text)
            }
        }
        test("cite: a .csl text, and typed errors") {
            Catalog.demo().use { c ->
                val csl = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mine</title><id>http://example.org/mine</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="REF: "/><text variable="title"/></layout></bibliography>
</style>"""
                val mine = CiteOptions(csl = csl, format = CiteFormat.TEXT)
                assertEquals("REF: Mapping Conflict Motives: M23", c.cite(listOf(M23), mine)[0].text)
                assertFailsWith<PubcatException.NotFound> { c.cite(listOf("nope"), options()) }
                assertFailsWith<PubcatException.InvalidInput> { c.cite(listOf(M23), options(style = "nope")) }
                assertFailsWith<PubcatException.InvalidInput> { c.cite(listOf(M23), options(locale = "xx-YY")) }
                assertFailsWith<PubcatException.Parse> {
                    c.cite(listOf(M23), CiteOptions(csl = "<style", format = CiteFormat.TEXT))
                }
            }
        }
    }
}
