// Converts the generated UniFFI records to and from JSON-like values (see Json.kt), with the
// field names and codes of the core's serde form, so the conformance runner can compare
// results with the vectors and build arguments from them. Generic: Kotlin reflection over the
// generated data classes (the core's own types, org.pubcat.core), camelCase <-> snake_case,
// plus the few renames and the `#[serde(flatten)]` fields listed below.
//
// What fromJson cannot convert is a ConversionException with a reason: a key the record does
// not have, or lacks, means the vectors and the Kotlin records disagree (a test failure); a
// value no typed Kotlin value can hold (an unknown enum code, a string where a number goes,
// a negative count) is input only the core can judge.
package org.pubcat.test

import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.full.isSubclassOf
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.full.memberProperties
import org.pubcat.core.Format
import org.pubcat.core.RelationType

object Records {
    /** Kotlin property name -> JSON key, where snake_case is not enough. */
    private val renames = mapOf("relationType" to "type")
    private val reverse = renames.entries.associate { (k, v) -> v to k }

    /**
     * Record fields the core's serde form flattens (`#[serde(flatten)]`): in JSON their fields
     * sit in the enclosing object; UniFFI records nest them (`AgentRecord.agent.name`).
     */
    private val flattened = setOf("AgentRecord.agent", "ProjectRecord.project", "ConceptNode.concept")

    private fun isFlattened(cls: KClass<*>, param: String?) = "${cls.simpleName}.$param" in flattened

    fun snake(name: String): String = renames[name]
        ?: name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

    fun camel(key: String): String = reverse[key]
        ?: key.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

    /** The stable code of an enum constant: `review_paper`, `IsNewVersionOf`, `date_desc`, `csl-json`. */
    fun code(value: Enum<*>): String {
        val words = value.name.lowercase().split('_')
        return when (value) {
            is RelationType -> words.joinToString("") { w -> w.replaceFirstChar { it.uppercase() } }
            is Format -> words.joinToString("-")
            else -> words.joinToString("_")
        }
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
            val json = toJson(prop.getter.call(value))
            if (isFlattened(cls, param.name)) (json as Map<*, *>).forEach { (k, v) -> out[k as String] = v }
            else out[snake(param.name!!)] = json
        }
        return out
    }

    /** Builds a value of `type` (a record, enum, list, ...) from a JSON-like value. */
    fun fromJson(json: Any?, type: KType): Any? {
        if (json == null) {
            if (!type.isMarkedNullable) throw ConversionException("null given for non-null $type", ConversionException.Reason.INEXPRESSIBLE)
            return null
        }
        val cls = type.classifier as? KClass<*> ?: error("unsupported type $type")
        fun arg(i: Int) = type.arguments[i].type ?: error("star projection in $type")
        return when {
            cls == String::class -> json as? String ?: bad(json, type)
            cls == Boolean::class -> json as? Boolean ?: bad(json, type)
            cls == Int::class -> integer(json, type, Int.MIN_VALUE.toLong(), Int.MAX_VALUE.toLong()).toInt()
            cls == Long::class -> integer(json, type, Long.MIN_VALUE, Long.MAX_VALUE)
            cls == UInt::class -> integer(json, type, 0, UInt.MAX_VALUE.toLong()).toUInt()
            cls == ULong::class -> integer(json, type, 0, Long.MAX_VALUE).toULong()
            cls == Double::class -> (json as? Number ?: bad(json, type)).toDouble()
            cls == List::class -> (json as? List<*> ?: bad(json, type)).map { fromJson(it, arg(0)) }
            cls == Map::class -> (json as? Map<*, *> ?: bad(json, type)).entries.associate { (k, v) ->
                fromJson(if (arg(0).classifier == Int::class) (k as String).toLong() else k, arg(0)) to fromJson(v, arg(1))
            }
            cls.isSubclassOf(Enum::class) -> cls.java.enumConstants.map { it as Enum<*> }
                .firstOrNull { code(it) == json }
                ?: throw ConversionException("unknown ${cls.simpleName} `$json`", ConversionException.Reason.INEXPRESSIBLE)
            else -> build(json as? Map<*, *> ?: bad(json, type), cls)
        }
    }

    inline fun <reified T : Any> fromJson(json: Any?): T = fromJson(json, kotlin.reflect.typeOf<T>()) as T

    private fun build(json: Map<*, *>, cls: KClass<*>): Any {
        val ctor = cls.primaryConstructor ?: error("${cls.simpleName} is not a record")
        val params = ctor.parameters.associateBy { it.name }
        // The keys of a flattened field's record belong to it.
        val nested = ctor.parameters.filter { isFlattened(cls, it.name) }.associateWith { p ->
            val nestedParams = (p.type.classifier as KClass<*>).primaryConstructor!!.parameters.map { snake(it.name!!) }.toSet()
            json.filterKeys { it in nestedParams }
        }
        val claimed = nested.values.flatMap { it.keys }.toSet()
        for (key in json.keys) {
            if (key !in claimed && camel(key as String) !in params) throw ConversionException("unknown field `$key` of ${cls.simpleName}", ConversionException.Reason.UNKNOWN_FIELD)
        }
        val args = ctor.parameters.mapNotNull { p ->
            val key = snake(p.name!!)
            when {
                p in nested -> p to fromJson(nested[p], p.type)
                json.containsKey(key) -> p to fromJson(json[key], p.type)
                p.isOptional -> null
                p.type.isMarkedNullable -> p to null
                else -> throw ConversionException("missing field `$key` of ${cls.simpleName}", ConversionException.Reason.MISSING_FIELD)
            }
        }.toMap()
        return ctor.callBy(args)
    }

    /** A JSON integer within [min, max] (Json.parse gives Long for integers, Double otherwise). */
    private fun integer(json: Any, type: KType, min: Long, max: Long): Long {
        val n = json as? Long ?: bad(json, type)
        return if (n in min..max) n else bad(json, type)
    }

    private fun bad(json: Any?, type: KType): Nothing =
        throw ConversionException("`${Json.write(json)}` is not a $type", ConversionException.Reason.INEXPRESSIBLE)
}

/** A JSON value that Records.fromJson cannot turn into the Kotlin type asked for, and why. */
class ConversionException(message: String, val reason: Reason) : IllegalArgumentException(message) {
    enum class Reason {
        /** The JSON object has a key the Kotlin record does not: vectors and records disagree. */
        UNKNOWN_FIELD,
        /** The JSON object lacks a key the Kotlin record requires: vectors and records disagree. */
        MISSING_FIELD,
        /** No value of the Kotlin type can hold it (an unknown enum code, a wrong JSON type, a
         *  number out of range): the typed API cannot express it, only the core can judge it. */
        INEXPRESSIBLE,
    }
}
