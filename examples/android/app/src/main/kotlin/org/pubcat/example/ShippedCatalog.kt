// The Android side: copy the catalogue shipped in the APK's assets to a real file (SQLite
// cannot read inside the APK), read the device's languages, and page through results in a
// ViewModel. Needs the Android SDK: not compiled by scripts/test-kotlin.sh.
package org.pubcat.example

import android.content.Context
import androidx.core.os.LocaleListCompat
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.pubcat.core.Hit
import org.pubcat.PubcatException

/** Copies `assets/<asset>` to no-backup storage once per app version; returns its path. */
fun Context.shippedCatalogPath(asset: String = "catalog.db"): String {
    val target = File(noBackupFilesDir, asset)
    val stamp = File(noBackupFilesDir, "$asset.version")
    val version = packageManager.getPackageInfo(packageName, 0).longVersionCode.toString()
    if (!target.exists() || stamp.takeIf { it.exists() }?.readText() != version) {
        val partial = File(noBackupFilesDir, "$asset.partial")
        assets.open(asset).use { input -> partial.outputStream().use { input.copyTo(it) } }
        check(partial.renameTo(target)) { "cannot move $partial to $target" }
        stamp.writeText(version)
    }
    return target.path
}

/** The device's languages, best first, as BCP 47 tags (`fr-CD`, `en-GB`, ...). */
fun deviceLanguages(): List<String> {
    val locales = LocaleListCompat.getAdjustedDefault()
    return (0 until locales.size()).mapNotNull { locales[it]?.toLanguageTag() }
}

class SearchViewModel(context: Context) : ViewModel() {
    private val catalog = OfflineCatalog(context.applicationContext.shippedCatalogPath())
    private var cursor: String? = null
    private var text: String? = null
    val hits = mutableListOf<Hit>()
    var total = 0L
        private set

    /** Starts a new search (first page). */
    fun search(newText: String, onDone: (String?) -> Unit) {
        text = newText
        cursor = null
        hits.clear()
        more(onDone)
    }

    /** Loads the next page, if any (call when the list nears its end). */
    fun more(onDone: (String?) -> Unit) = viewModelScope.launch {
        val error = withContext(Dispatchers.IO) {
            try {
                val page = catalog.page(text, deviceLanguages(), pageSize = 30, cursor = cursor)
                hits += page.hits
                total = page.total
                cursor = page.nextCursor
                null
            } catch (e: PubcatException.InvalidQuery) {
                e.detail // e.g. a stale cursor: start again
            }
        }
        onDone(error)
    }

    val hasMore: Boolean get() = cursor != null

    override fun onCleared() = catalog.close()
}
