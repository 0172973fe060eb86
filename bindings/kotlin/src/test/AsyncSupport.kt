// Helpers of the coroutine tests.
package org.pubcat.test

/** A native JSON catalogue of `n` report publications `prefix-0` ... (titles all name
 *  "cobalt"; 20 years, so many publications share a date: paging must break the ties). */
fun generatedCatalogJson(n: Int, prefix: String = "gen"): String = buildString {
    append("{\"format\":\"pubcat\",\"version\":1,\"publications\":[")
    for (i in 0 until n) {
        if (i > 0) append(',')
        append("{\"uid\":\"$prefix-$i\",\"language\":\"en\",\"kind\":\"report\",")
        append("\"title\":\"Cobalt supply note ${i % 97} of ${prefix.uppercase()}\",")
        append("\"summary\":\"Traders, cooperatives and smelters in year ${2000 + i % 20}\",")
        append("\"date\":\"${2000 + i % 20}\"}")
    }
    append("]}")
}
