// Formats CSL-JSON items with citeproc-js, the CSL reference processor: the test oracle of
// pubcat's citations (crates/pubcat/tests/cite_oracle.rs, scripts/test-citeproc.sh).
//
//     node citeproc-bib.js STYLE.csl LOCALE ITEMS.json > OUT.json
//
// LOCALE: en-US, fr-FR or nl-NL (the CSL locale files @citation-js/plugin-csl bundles).
// Writes {"bibliography": {id: entry}, "citations": {id: in-text citation}}, plain text,
// one citation per item. citeproc and @citation-js/plugin-csl are found through NODE_PATH.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [styleFile, localeCode, itemsFile] = process.argv.slice(2);
const style = fs.readFileSync(styleFile, "utf8");
const locale = require("@citation-js/plugin-csl/lib/locales.json")[localeCode];
if (!locale) throw new Error(`no bundled CSL locale ${localeCode}`);
const items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
const byId = {};
for (const item of items) byId[item.id] = item;

const sys = {
  retrieveLocale: () => locale,
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, style, localeCode, true);
engine.setOutputFormat("text");
const ids = items.map((i) => i.id);
engine.updateItems(ids);

const citations = {};
for (const id of ids) {
  citations[id] = engine.makeCitationCluster([{ id }]);
}
const [meta, entries] = engine.makeBibliography();
const bibliography = {};
meta.entry_ids.forEach((entry, i) => {
  bibliography[entry[0]] = entries[i].trim();
});
process.stdout.write(JSON.stringify({ bibliography, citations }));
