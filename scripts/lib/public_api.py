#!/usr/bin/env python3
"""Prints the public API of a crate from its rustdoc JSON, one item per line, sorted.

    public_api.py target/doc/pubcat.json > crates/pubcat/public-api.txt

The listing names every item reachable from the crate root through public modules and `pub use`
(functions with their signatures, structs with their public fields, enum variants, constants,
type aliases, inherent methods, and the traits each public type implements, blanket and auto
traits left out). It is what `cargo public-api` gives, built with the rustdoc JSON that stable
rustc writes with RUSTC_BOOTSTRAP=1, so the check needs nothing installed. `scripts/test`
compares it with the committed listing: a change to the public API must be recorded by
committing the new listing.
"""

from __future__ import annotations

import json
import sys

AUTO_TRAITS = {
    "Send", "Sync", "Unpin", "UnwindSafe", "RefUnwindSafe", "Freeze",
}


class Api:
    def __init__(self, doc: dict) -> None:
        self.index = doc["index"]
        self.paths = doc["paths"]
        self.root = str(doc["root"])
        self.lines: set[str] = set()
        self.seen: set[tuple[str, str]] = set()

    def item(self, item_id) -> dict | None:
        return self.index.get(str(item_id))

    # ---- types -----------------------------------------------------------------------------
    def ty(self, t) -> str:
        if t is None:
            return "()"
        (kind, v), = t.items()
        if kind == "resolved_path":
            return self.name_of(v) + self.args(v.get("args"))
        if kind == "primitive":
            return v
        if kind == "generic":
            return v
        if kind == "borrowed_ref":
            life = f"{v['lifetime']} " if v.get("lifetime") else ""
            mut = "mut " if v.get("is_mutable") else ""
            return f"&{life}{mut}{self.ty(v['type'])}"
        if kind == "tuple":
            return "(" + ", ".join(self.ty(x) for x in v) + ")"
        if kind == "slice":
            return f"[{self.ty(v)}]"
        if kind == "array":
            return f"[{self.ty(v['type'])}; {v['len']}]"
        if kind == "impl_trait":
            return "impl " + " + ".join(self.bound(b) for b in v)
        if kind == "dyn_trait":
            traits = [self.path(p["trait"]) for p in v.get("traits", [])]
            life = [v["lifetime"]] if v.get("lifetime") else []
            return "dyn " + " + ".join(traits + life)
        if kind == "raw_pointer":
            return ("*mut " if v.get("is_mutable") else "*const ") + self.ty(v["type"])
        if kind == "qualified_path":
            return f"<{self.ty(v['self_type'])}>::{v['name']}"
        if kind == "function_pointer":
            sig = v["sig"]
            inputs = ", ".join(self.ty(t) for _, t in sig["inputs"])
            out = sig.get("output")
            return f"fn({inputs})" + (f" -> {self.ty(out)}" if out else "")
        return kind

    def path(self, p) -> str:
        return self.name_of(p) + self.args(p.get("args"))

    def name_of(self, p) -> str:
        """This crate's items by name; another crate's by full path (`rusqlite::error::Error`),
        except the standard library's, which are unambiguous enough by name."""
        summary = self.paths.get(str(p.get("id")))
        if summary and summary.get("crate_id", 0) != 0:
            crate = summary["path"][0]
            if crate not in ("std", "core", "alloc") or summary["path"][-1] == "Error":
                return "::".join(summary["path"])
        return p["path"].split("::")[-1]

    def args(self, args) -> str:
        if not args:
            return ""
        if "angle_bracketed" in args:
            parts = []
            for a in args["angle_bracketed"]["args"]:
                if "type" in a:
                    parts.append(self.ty(a["type"]))
                elif "lifetime" in a:
                    parts.append(a["lifetime"])
                elif "const" in a:
                    parts.append(str(a["const"].get("expr", "_")))
            for c in args["angle_bracketed"].get("constraints", []):
                binding = c.get("binding", {})
                if "equality" in binding:
                    parts.append(f"{c['name']} = {self.ty(binding['equality'].get('type'))}")
            return "<" + ", ".join(parts) + ">" if parts else ""
        if "parenthesized" in args:
            p = args["parenthesized"]
            out = p.get("output")
            return "(" + ", ".join(self.ty(t) for t in p["inputs"]) + ")" + (
                f" -> {self.ty(out)}" if out else ""
            )
        return ""

    def bound(self, b) -> str:
        if "trait_bound" in b:
            tb = b["trait_bound"]
            prefix = "?" if tb.get("modifier") == "maybe" else ""
            return prefix + self.path(tb["trait"])
        if "outlives" in b:
            return b["outlives"]
        return "?"

    def generics(self, g) -> str:
        params = []
        for p in g.get("params", []):
            kind = p["kind"]
            if "type" in kind:
                if kind["type"].get("is_synthetic"):
                    continue
                bounds = kind["type"].get("bounds") or []
                params.append(p["name"] + (": " + " + ".join(self.bound(b) for b in bounds) if bounds else ""))
            elif "lifetime" in kind:
                params.append(p["name"])
            elif "const" in kind:
                params.append(f"const {p['name']}: {self.ty(kind['const']['type'])}")
        return "<" + ", ".join(params) + ">" if params else ""

    def signature(self, name: str, f: dict) -> str:
        sig = f["sig"]
        inputs = []
        for arg, t in sig["inputs"]:
            if arg == "self":
                inputs.append(self.ty(t).replace("Self", "self") if t != {"generic": "Self"} else "self")
            else:
                inputs.append(f"{arg}: {self.ty(t)}")
        out = sig.get("output")
        ret = f" -> {self.ty(out)}" if out else ""
        return f"fn {name}{self.generics(f['generics'])}({', '.join(inputs)}){ret}"

    # ---- items -----------------------------------------------------------------------------
    def add(self, line: str) -> None:
        self.lines.add(line)

    def walk_module(self, module_id, prefix: str) -> None:
        module = self.item(module_id)
        if module is None:
            return
        for child_id in module["inner"]["module"]["items"]:
            child = self.item(child_id)
            if child is None or child.get("visibility") != "public":
                continue
            inner = child["inner"]
            if "use" in inner:
                use = inner["use"]
                target = self.item(use["id"]) if use.get("id") is not None else None
                if use.get("is_glob"):
                    if target and "module" in target["inner"]:
                        self.walk_module(use["id"], prefix)
                    continue
                if target is None:
                    self.add(f"pub use {prefix}::{use['name']} = {use['source']}")
                    continue
                self.walk_item(target, f"{prefix}::{use['name']}", use["name"])
            else:
                self.walk_item(child, f"{prefix}::{child['name']}", child["name"])

    def walk_item(self, item: dict, path: str, name: str) -> None:
        key = (str(item["id"]), path)
        if key in self.seen:
            return
        self.seen.add(key)
        inner = item["inner"]
        (kind, v), = inner.items()
        if kind == "module":
            self.add(f"pub mod {path}")
            self.walk_module(item["id"], path)
        elif kind == "function":
            self.add(f"pub {self.signature(path, v)}")
        elif kind == "constant":
            self.add(f"pub const {path}: {self.ty(v['type'])}")
        elif kind == "static":
            self.add(f"pub static {path}: {self.ty(v['type'])}")
        elif kind == "type_alias":
            self.add(f"pub type {path}{self.generics(v['generics'])} = {self.ty(v['type'])}")
        elif kind == "struct":
            self.add(f"pub struct {path}{self.generics(v['generics'])}")
            k = v["kind"]
            fields = k.get("plain", {}).get("fields", []) if isinstance(k, dict) else []
            if isinstance(k, dict) and "tuple" in k:
                fields = [f for f in k["tuple"] if f is not None]
            for fid in fields:
                f = self.item(fid)
                if f and f.get("visibility") == "public":
                    self.add(f"pub {path}::{f['name']}: {self.ty(f['inner']['struct_field'])}")
            self.impls(path, v.get("impls", []))
        elif kind == "enum":
            self.add(f"pub enum {path}{self.generics(v['generics'])}")
            for vid in v["variants"]:
                var = self.item(vid)
                if var is None:
                    continue
                vk = var["inner"]["variant"]["kind"]
                if vk == "plain":
                    self.add(f"pub {path}::{var['name']}")
                elif "tuple" in vk:
                    types = [self.ty(self.item(f)["inner"]["struct_field"]) for f in vk["tuple"] if f is not None]
                    self.add(f"pub {path}::{var['name']}({', '.join(types)})")
                elif "struct" in vk:
                    for fid in vk["struct"]["fields"]:
                        f = self.item(fid)
                        self.add(f"pub {path}::{var['name']}::{f['name']}: {self.ty(f['inner']['struct_field'])}")
            self.impls(path, v.get("impls", []))
        elif kind == "trait":
            self.add(f"pub trait {path}")
        elif kind == "macro":
            self.add(f"pub macro {path}!")
        else:
            self.add(f"pub {kind} {path}")

    def impls(self, path: str, impl_ids) -> None:
        for iid in impl_ids:
            imp = self.item(iid)
            if imp is None:
                continue
            v = imp["inner"]["impl"]
            if v.get("is_synthetic") or v.get("blanket_impl") is not None:
                continue
            trait = v.get("trait")
            if trait is None:
                for mid in v["items"]:
                    m = self.item(mid)
                    if m is None or m.get("visibility") != "public":
                        continue
                    (mk, mv), = m["inner"].items()
                    if mk == "function":
                        self.add(f"pub {self.signature(path + '::' + m['name'], mv)}")
                    elif mk == "constant":
                        self.add(f"pub const {path}::{m['name']}: {self.ty(mv['type'])}")
            else:
                tname = self.path(trait)
                if tname.split("<")[0] in AUTO_TRAITS:
                    continue
                neg = "!" if v.get("is_negative") else ""
                generics = self.generics(v.get("generics", {}))
                self.add(f"impl{generics} {neg}{tname} for {self.ty(v['for'])}")


def main() -> int:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    api = Api(doc)
    name = api.item(api.root)["name"]
    api.walk_module(api.root, name)
    for line in sorted(api.lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
