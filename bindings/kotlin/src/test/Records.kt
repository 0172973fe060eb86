// Converts the generated UniFFI records to and from JSON-like values (see Json.kt), with the
// field names and codes of the core's serde form, so the conformance runner can compare
// results with the vectors and build arguments from them. Generic: Kotlin reflection over the
// generated data classes, camelCase <-> snake_case, plus the few renames listed below.
package org.pubcat.test

import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.full.isSubclassOf
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.full.memberProperties
import org.pubcat.RelationType

object Records {
    /** Kotlin property name -> JSON key, where snake_case is not enough. */
    private val renames = mapOf("relationType" to "type")
    private val reverse = renames.entries.associate { (k, v) -> v to k }

    fun snake(name: String): String = renames[name]
        ?: name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

    fun camel(key: String): String = reverse[key]
        ?: key.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

    /** The stable code of an enum constant: `review_paper`, `IsNewVersionOf`, `date_desc`. */
    fun code(value: Enum<*>): String {
        val words = value.name.lowercase().split('_')
        return if (value is RelationType) words.joinToString("") { w -> w.replaceFirstChar { it.uppercase() } }
        else words.joinToString("_")
    }

    /** A record (or list, map, enum, number...) as a JSON-like value. */
    fun toJson(value: Any?): Any? = when (value) {
        null -> null
        is String, is Boolean -> value
        is Double -> value
        is Float -> value.toDouble()
        is Number -> value.toLong()
        is UInt -> value.toLong()
        is ULong -> value.toLong()
        is UShort -> value.toLong()
        is UByte -> value.toLong()
        is Enum<*> -> code(value)
        is Map<*, *> -> value.entries.associate { (k, v) -> k.toString() to toJson(v) }
        is Iterable<*> -> value.map { toJson(it) }
        else -> record(value)
    }

    private fun record(value: Any): Map<String, Any?> {
        val cls = value::class
        val ctor = cls.primaryConstructor ?: error("${cls.simpleName} is not a record")
        val props = cls.memberProperties.associateBy { it.name }
        val out = LinkedHashMap<String, Any?>()
        for (param in ctor.parameters) {
            val prop = props[param.name] ?: continue
            out[snake(param.name!!)] = toJson(prop.getter.call(value))
        }
        return out
    }

    /** Builds a value of `type` (a record, enum, list, ...) from a JSON-like value. */
    fun fromJson(json: Any?, type: KType): Any? {
        if (json == null) {
            require(type.isMarkedNullable) { "null given for non-null $type" }
            return null
        }
        val cls = type.classifier as? KClass<*> ?: error("unsupported type $type")
        fun arg(i: Int) = type.arguments[i].type ?: error("star projection in $type")
        return when {
            cls == String::class -> json as? String ?: bad(json, type)
            cls == Boolean::class -> json as? Boolean ?: bad(json, type)
            cls == Int::class -> (json as? Number ?: bad(json, type)).toInt()
            cls == Long::class -> (json as? Number ?: bad(json, type)).toLong()
            cls == UInt::class -> (json as? Number ?: bad(json, type)).toLong().toUInt()
            cls == ULong::class -> (json as? Number ?: bad(json, type)).toLong().toULong()
            cls == Double::class -> (json as? Number ?: bad(json, type)).toDouble()
            cls == List::class -> (json as? List<*> ?: bad(json, type)).map { fromJson(it, arg(0)) }
            cls == Map::class -> (json as? Map<*, *> ?: bad(json, type)).entries.associate { (k, v) ->
                fromJson(if (arg(0).classifier == Int::class) (k as String).toLong() else k, arg(0)) to fromJson(v, arg(1))
            }
            cls.isSubclassOf(Enum::class) -> cls.java.enumConstants.map { it as Enum<*> }
                .firstOrNull { code(it) == json } ?: throw ConversionException("unknown ${cls.simpleName} `$json`")
            else -> build(json as? Map<*, *> ?: bad(json, type), cls)
        }
    }

    inline fun <reified T : Any> fromJson(json: Any?): T = fromJson(json, kotlin.reflect.typeOf<T>()) as T

    private fun build(json: Map<*, *>, cls: KClass<*>): Any {
        val ctor = cls.primaryConstructor ?: error("${cls.simpleName} is not a record")
        val params = ctor.parameters.associateBy { it.name }
        for (key in json.keys) {
            if (camel(key as String) !in params) throw ConversionException("unknown field `$key` of ${cls.simpleName}")
        }
        val args = ctor.parameters.mapNotNull { p ->
            val key = snake(p.name!!)
            when {
                json.containsKey(key) -> p to fromJson(json[key], p.type)
                p.isOptional -> null
                p.type.isMarkedNullable -> p to null
                else -> throw ConversionException("missing field `$key` of ${cls.simpleName}")
            }
        }.toMap()
        return ctor.callBy(args)
    }

    private fun bad(json: Any?, type: KType): Nothing =
        throw ConversionException("`${Json.write(json)}` is not a $type")
}

/** A vector argument that the typed Kotlin API cannot even express (e.g. an unknown code). */
class ConversionException(message: String) : IllegalArgumentException(message)
